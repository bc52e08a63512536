// Where a rule's `runbook_url` points in the workspace. Three forms link a rule to a runbook:
//   runbooks/treasury.md#treasurystuck      relative to the file holding the rule, or to a root
//   https://git.example.com/ops/blob/main/runbooks/treasury.md   a configured URL prefix + path
//   https://runbooks.example.com/runbooks/treasury               a URL whose path ends in a
//                                                                 runbook's path (`.md` optional)
// Anything else (another site, a template such as `{{ $labels.runbook }}`) is not ours to judge.
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export interface LinkWorkspace {
  roots: string[];
  /** URL prefixes that stand for the first workspace root (setting runbook.alerts.runbookUrlPrefixes). */
  prefixes: string[];
  /** Absolute paths of the workspace's runbooks. */
  runbooks(): Iterable<string>;
  exists(path: string): boolean;
}

export type LinkTarget =
  | { kind: 'runbook'; path: string; anchor?: string }
  | { kind: 'missing'; path: string; written: string; anchor?: string }
  | { kind: 'unchecked' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function resolveRunbookUrl(url: string, sourcePath: string, ws: LinkWorkspace): LinkTarget {
  if (/\{\{|\$labels|\$value/.test(url)) return { kind: 'unchecked' };
  const hash = url.indexOf('#');
  const anchor = hash >= 0 ? decode(url.slice(hash + 1)) || undefined : undefined;
  const bare = hash >= 0 ? url.slice(0, hash) : url;
  if (SCHEME.test(bare)) {
    const prefix = ws.prefixes.find((p) => p && bare.startsWith(p));
    if (prefix !== undefined && ws.roots[0]) {
      const rel = decode(bare.slice(prefix.length).split('?')[0]).replace(/^\/+/, '');
      return located([join(ws.roots[0], rel)], rel || url, anchor, ws);
    }
    if (!/^https?:/i.test(bare)) return { kind: 'unchecked' };
    let path: string;
    try { path = decode(new URL(bare).pathname); } catch { return { kind: 'unchecked' }; }
    const hit = runbookEndingIn(path, ws);
    return hit ? { kind: 'runbook', path: hit, anchor } : { kind: 'unchecked' };
  }
  if (!bare) return { kind: 'runbook', path: sourcePath, anchor }; // `#anchor`: this file
  const rel = decode(bare.split('?')[0]);
  const candidates = isAbsolute(rel)
    ? ws.roots.map((r) => join(r, rel))
    : [resolve(dirname(sourcePath), rel), ...ws.roots.map((r) => resolve(r, rel))];
  return located(candidates, bare, anchor, ws);
}

function located(candidates: string[], written: string, anchor: string | undefined, ws: LinkWorkspace): LinkTarget {
  for (const c of candidates) {
    if (ws.exists(c)) return { kind: 'runbook', path: c, anchor };
    // Sites built from Markdown drop the extension: `runbooks/treasury` is runbooks/treasury.md.
    if (!/\.(md|markdown)$/i.test(c) && ws.exists(`${c}.md`)) return { kind: 'runbook', path: `${c}.md`, anchor };
  }
  return { kind: 'missing', path: candidates[0] ?? written, written, anchor };
}

/** The runbook whose root-relative path the URL path ends with (longest match, any case, `.md` optional). */
function runbookEndingIn(urlPath: string, ws: LinkWorkspace): string | undefined {
  const want = urlPath.toLowerCase().replace(/\/+$/, '').replace(/\.(md|markdown|html?)$/, '');
  let best: { path: string; len: number } | undefined;
  for (const p of ws.runbooks()) {
    const root = ws.roots.find((r) => p.startsWith(r + sep));
    if (!root) continue;
    const rel = relative(root, p).split(sep).join('/').toLowerCase().replace(/\.(md|markdown)$/, '');
    if ((want === `/${rel}` || want.endsWith(`/${rel}`)) && (!best || rel.length > best.len)) best = { path: p, len: rel.length };
  }
  return best?.path;
}

function decode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

// Which alerts a runbook's sections are for: a heading titled after a known alert, and every
// section a rule's `runbook_url` lands on (its anchor's heading, or the first heading when the
// link names only the file).
import { alertNameOfHeading } from './alertHeadings';
import { resolveRunbookUrl, type LinkWorkspace } from './linkTarget';
import { headingSlugs } from './slug';

function slugPositions(titles: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  headingSlugs(titles).forEach((s, i) => { if (!m.has(s)) m.set(s, i); });
  return m;
}

export interface RuleLink { name: string; url?: string; sourcePath: string }

/** Section index → alert names, in the order found. */
export function sectionAlerts(titles: readonly string[], path: string, known: ReadonlySet<string>, rules: readonly RuleLink[], ws: LinkWorkspace): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (i: number, name: string) => {
    const list = out.get(i);
    if (!list) out.set(i, [name]); else if (!list.includes(name)) list.push(name);
  };
  // Slugs once per document, not once per rule: 200 rules over 200 headings was 40,000 slugs.
  let slugIndex: Map<string, number> | undefined;
  titles.forEach((t, i) => { const n = alertNameOfHeading(t); if (n && known.has(n)) add(i, n); });
  for (const r of rules) {
    if (!r.url) continue;
    const target = resolveRunbookUrl(r.url, r.sourcePath, ws);
    if (target.kind !== 'runbook' || target.path !== path || !titles.length) continue;
    const i = target.anchor ? (slugIndex ??= slugPositions(titles)).get(target.anchor) ?? slugIndex.get(target.anchor.toLowerCase()) ?? -1 : 0;
    if (i >= 0) add(i, r.name);
  }
  return out;
}

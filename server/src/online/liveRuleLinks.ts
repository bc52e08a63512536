// Online check: the alerting rules loaded in the environment's Prometheus whose `runbook_url`
// annotation points into this workspace but at a runbook or heading that is not there (the link
// resolution of alertLinks/, which the editor uses for rule files). Said only when the server's
// rules are this workspace's: at least one of them links to one of its runbooks; a shared
// Prometheus full of other teams' rules is not ours to judge. `prefixes` are the URL prefixes that
// stand for the workspace root (the editor's setting; the CLI's --runbook-url-prefix).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveRunbookUrl } from '../alertLinks/linkTarget';
import type { LinkView } from '../alertLinks/workspaceLinks';
import { linkProblem } from '../alertLinks/linkCheck';
import { rulesLinkHere } from '../alertLinks/linkDiagnostics';
import { scanRunbook } from '../index/lineScan';
import type { PrometheusClient } from '../prometheus/client';

export interface BrokenLiveLink { alert: string; url: string; problem: string; runbook?: string }

export async function brokenLiveLinks(client: PrometheusClient, root: string, runbooks: readonly string[], signal?: AbortSignal, prefixes: readonly string[] = []): Promise<BrokenLiveLink[]> {
  const rules = (await client.alertingRules({ signal })).filter((r) => r.annotations.runbook_url);
  if (!rules.length) return [];
  const paths = runbooks.map((p) => resolve(p));
  const titles = new Map<string, string[] | undefined>();
  const titlesOf = (path: string) => {
    if (!titles.has(path)) {
      let text: string | undefined;
      try { text = readFileSync(path, 'utf8'); } catch { text = undefined; }
      titles.set(path, text === undefined ? undefined : scanRunbook(text).sections.map((s) => s.title));
    }
    return titles.get(path);
  };
  const ws: LinkView = { roots: [root], prefixes: [...prefixes], runbooks: () => paths, exists: (p) => existsSync(p), titlesOf };
  // A live rule has no file here: relative links are read from the workspace root.
  const source = resolve(root, '.runbook/live-rule');
  if (!rulesLinkHere(rules.map((r) => ({ url: r.annotations.runbook_url!, sourcePath: source })), ws)) return [];
  const out: BrokenLiveLink[] = [];
  for (const r of rules) {
    const url = r.annotations.runbook_url!;
    const target = resolveRunbookUrl(url, source, ws);
    const problem = linkProblem(target, ws.titlesOf, root);
    if (problem) out.push({ alert: r.name, url, problem, ...(target.kind === 'runbook' ? { runbook: target.path } : {}) });
  }
  return out;
}

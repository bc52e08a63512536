// The demo's workspace: a copy of runbooks/ in a temporary folder, whose environments all point at
// the demo's own Prometheus (and Alertmanager). A copy because the web workbench auto-saves, and an edit made while
// trying the demo must not change the tracked samples; rewritten because the tracked file names
// real-looking hosts (staging on :9090, production on example.com) that the demo does not have.
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';

export const ENVIRONMENTS = '.runbook/environments.yaml';

/**
 * Points every environment of an environments file at `url` (keeping headers and auth), or, with
 * no `url`, removes their Prometheus so hovers say there is none instead of timing out. Protected
 * environments get the same server under `localhost`, so a step shows which one it was given.
 */
export function demoEnvironments(text: string, url: string | undefined, alertmanagerUrl?: string): string {
  const doc = parseDocument(text);
  const envs = doc.get('environments');
  if (!isMap(envs)) return text;
  for (const pair of envs.items) {
    const env = pair.value;
    if (!isMap(env)) continue;
    // The same for the Alertmanager: the demo's own, or none.
    const am = env.get('alertmanager', true);
    if (am !== undefined) {
      if (!alertmanagerUrl) env.delete('alertmanager');
      else {
        const ownAm = env.get('protected') === true ? alertmanagerUrl.replace('://127.0.0.1', '://localhost') : alertmanagerUrl;
        if (isMap(am)) am.set('url', ownAm); else env.set('alertmanager', ownAm);
      }
    }
    if (!url) { env.delete('prometheus'); continue; }
    const own = env.get('protected') === true ? url.replace('://127.0.0.1', '://localhost') : url;
    const prom = env.get('prometheus', true);
    if (isMap(prom)) prom.set('url', own);
    else env.set('prometheus', own);
  }
  return `# The demo's copy: every environment uses the demo Prometheus (test/support/demoWorkspace.ts).\n${doc.toString()}`;
}

/** Copies `source` (runbooks/) to a new temporary folder named like it; returns the copy. */
export function prepareDemoWorkspace(source: string, prometheusUrl: string | undefined, alertmanagerUrl?: string): string {
  const workspace = join(mkdtempSync(join(tmpdir(), 'runbook-demo-')), 'runbooks');
  cpSync(source, workspace, { recursive: true, filter: (p) => !p.includes(`${join('.runbook', 'runs')}`) });
  const file = join(workspace, ENVIRONMENTS);
  if (existsSync(file)) writeFileSync(file, demoEnvironments(readFileSync(file, 'utf8'), prometheusUrl, alertmanagerUrl));
  return workspace;
}

// Alert lenses of a 200-section workspace over LSP (textDocument/codeLens on a runbook whose 200
// headings are alerts, with 200 rules in a rule file linking to them), against a real Prometheus
// evaluating those rules and, when installed, a real Alertmanager. Goal (issue 15): ≤ 20 ms once
// `/api/v1/alerts` is cached (the first request fetches it; every later one within the TTL reads it).
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prometheusAvailable, startPrometheus } from '../test/support/prometheus';
import { alertmanagerAvailable, startAlertmanager } from '../test/support/alertmanager';
import { startOurs } from './ourServer';
import { measure, type Plan } from './stats';

export type AlertLensFigures = { skipped: string } | { lensMs: number; floorMs: number; sections: number; lenses: number; firing: number; alertmanager: boolean };

export function alertWorkspace(sections: number): { rules: string; runbook: string } {
  const rules = ['groups:', '- name: bench', '  rules:'];
  const md = ['# Bench alerts', ''];
  for (let i = 0; i < sections; i++) {
    // Every tenth fires (the gauge is always above zero); the others never do.
    rules.push(`  - alert: BenchAlert${i}`, `    expr: accumen_mempool_size > ${i % 10 === 0 ? 0 : 1e9}`, '    annotations:', `      runbook_url: ../alerts.md#benchalert${i}`);
    md.push(`## BenchAlert${i}`, '', `What to do when BenchAlert${i} fires.`, '');
  }
  return { rules: `${rules.join('\n')}\n`, runbook: `${md.join('\n')}\n` };
}

export async function alertLensFigures(plan: Plan, sections = 200): Promise<AlertLensFigures> {
  if (!prometheusAvailable()) return { skipped: 'prometheus is not installed (apt-get install prometheus)' };
  const { rules, runbook } = alertWorkspace(sections);
  const am = alertmanagerAvailable() ? await startAlertmanager() : undefined;
  const prom = await startPrometheus({ backfill: false, ruleFiles: { 'bench.yml': rules }, alertmanagers: am ? [am.target] : [] });
  const ws = mkdtempSync(join(tmpdir(), 'runbook-bench-alerts-'));
  for (const d of ['.runbook', 'rules']) mkdirSync(join(ws, d));
  writeFileSync(join(ws, 'rules/bench.yml'), rules);
  writeFileSync(join(ws, 'alerts.md'), runbook);
  writeFileSync(join(ws, '.runbook/environments.yaml'), `environments:\n  bench:\n    prometheus: ${prom.url}\n${am ? `    alertmanager: ${am.url}\n` : ''}`);
  const uri = pathToFileURL(join(ws, 'alerts.md')).href;
  const s = await startOurs({ rootUri: pathToFileURL(ws).href });
  try {
    await s.initialized();
    await s.conn.sendNotification('runbook/state', { trusted: true, env: { name: 'bench', protected: false } });
    const ready = s.diagnostics(uri);
    await s.open(uri, runbook, 'markdown');
    await ready;
    type Lens = { command?: { title: string } };
    const lenses = () => s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Promise<Lens[]>;
    // Until the rule file is indexed and Prometheus has evaluated the rules once, the lenses are incomplete.
    const want = Math.ceil(sections / 10);
    let got: Lens[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      got = await lenses();
      if (got.filter(l => /firing in bench/.test(l.command?.title ?? '')).length >= want) break;
      await new Promise(r => setTimeout(r, 500));
    }
    const firing = got.filter(l => /firing in bench/.test(l.command?.title ?? '')).length;
    if (firing < want) throw new Error(`only ${firing} of ${want} firing lenses appeared`);
    const lensMs = await measure(plan, lenses);
    // The same connection's floor: a request that does next to nothing (folding ranges of the runbook).
    const floorMs = await measure(plan, () => s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } }));
    return { lensMs, floorMs, sections, lenses: got.length, firing, alertmanager: !!am };
  } finally {
    await s.stop();
    await prom.stop();
    await am?.stop();
    rmSync(ws, { recursive: true, force: true });
  }
}

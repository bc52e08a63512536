// A symptom check of 50 list items over LSP (`runbook/checkSymptoms`, the lens's request), against
// a real Prometheus, next to the one Prometheus round trip it makes (its batched query, asked from
// the same client library, interleaved). Goal (issue 15): the check ≤ that round trip + 10 ms.
// A single condition's round trip is printed too: the batch costs Prometheus more than one
// condition, less than fifty.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prometheusAvailable, startPrometheus } from '../test/support/prometheus';
import { PrometheusClient } from '../server/src/prometheus/client';
import { startOurs } from './ourServer';
import { batchQuery } from '../server/src/symptoms/batch';
import { symptomsOf } from '../server/src/symptoms/detect';
import { buildModel } from '../server/src/model/build';
import { measure, median, type Plan } from './stats';

export type SymptomFigures = { skipped: string } | { checkMs: number; roundTripMs: number; singleMs: number; items: number };

export function symptomRunbook(items: number): string {
  const metrics = ['accumen_mempool_size', 'treasury_disbursement_backlog', 'rate(runbook_demo_requests_total[5m])', 'accumen_blocks_produced_total'];
  const lines = ['# Bench', '', '## Symptoms', ''];
  for (let i = 0; i < items; i++) lines.push(`- [ ] \`${metrics[i % metrics.length]} > ${i * 7}\` for 2+ epochs`);
  return `${lines.join('\n')}\n`;
}

export async function symptomFigures(plan: Plan, items = 50): Promise<SymptomFigures> {
  if (!prometheusAvailable()) return { skipped: 'prometheus is not installed (apt-get install prometheus)' };
  const prom = await startPrometheus({ backfill: false });
  const ws = mkdtempSync(join(tmpdir(), 'runbook-bench-symptoms-'));
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), 'environments:\n  offline:\n    variables: {}\n');
  const uri = pathToFileURL(join(ws, 'symptoms.md')).href;
  const s = await startOurs({ rootUri: pathToFileURL(ws).href, env: { PROMETHEUS_URL: prom.url } });
  const client = new PrometheusClient({ name: 'bench', prometheus: { url: prom.url } });
  try {
    await s.initialized();
    const ready = s.diagnostics(uri);
    const text = symptomRunbook(items);
    await s.open(uri, text, 'markdown');
    const batch = batchQuery([...new Set(symptomsOf(buildModel(text), text).map(x => x.expr))]);
    await ready;
    const check = async () => {
      const r = await s.conn.sendRequest('runbook/checkSymptoms', { uri }) as { symptoms?: { state: string }[]; error?: string };
      if (!r.symptoms || r.symptoms.length !== items || r.symptoms.some(x => x.state === 'unknown')) throw new Error(`symptom check failed: ${JSON.stringify(r).slice(0, 300)}`);
    };
    const roundTrip = () => client.query(batch, { time: Date.now() / 1000 });
    // Interleaved run by run, so both see the same machine load.
    const checks: number[] = [], trips: number[] = [];
    const timed = async (fn: () => Promise<unknown>, into: number[]) => { const t = performance.now(); await fn(); into.push(performance.now() - t); };
    for (let i = 0; i < plan.warmup + plan.runs; i++) {
      const c: number[] = [], r: number[] = [];
      await timed(roundTrip, r);
      await timed(check, c);
      if (i >= plan.warmup) { checks.push(c[0]); trips.push(r[0]); }
    }
    const singleMs = await measure(plan, () => client.query('accumen_mempool_size > 0', { time: Date.now() / 1000 }));
    return { checkMs: median(checks), roundTripMs: median(trips), singleMs, items };
  } finally {
    await client.close();
    await s.stop();
    await prom.stop();
  }
}

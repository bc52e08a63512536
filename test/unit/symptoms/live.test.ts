// Symptom checks against a real Prometheus scraping the test exporter: present with one series
// and with several, absent, a query Prometheus rejects, a gauge the test moves, and a server
// that never answers (the round ends at its timeout with the others' results intact).
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { checkConditions } from '../../../server/src/symptoms/check';
import { symptomLabel } from '../../../server/src/symptoms/label';
import type { ConditionQuery } from '../../../server/src/conditions/evaluate';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { startSilentServer } from '../../support/servers';

const skip = prometheusAvailable() ? false : 'prometheus/promtool not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
let client: PrometheusClient;
const now: (c: PrometheusClient) => ConditionQuery = (c) => (expr, signal) => c.query(expr, { signal, time: Date.now() / 1000 });

before(async () => {
  if (skip) return;
  prom = await startPrometheus({ backfill: false });
  client = new PrometheusClient({ name: 'staging', prometheus: { url: prom.url } });
});
after(async () => { await client?.close(); await prom?.stop(); });

async function waitFor(expr: string, want: RegExp): Promise<string> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    last = symptomLabel((await checkConditions([expr], now(client)))[0]);
    if (want.test(last)) return last;
    await new Promise(r => setTimeout(r, 250));
  }
  return last;
}

test('one series present, several present, absent, not evaluable: the labels the hints show', { skip }, async () => {
  const [one, several, absent, bad, range] = await checkConditions([
    'accumen_mempool_size > 0',
    'treasury_disbursement_backlog >= 0',
    'treasury_disbursement_backlog > 1e9',
    'histogram_quantile(1, 2, 3)',
    'treasury_disbursement_backlog[5m]',
  ], now(client));
  assert.match(symptomLabel(one), /^● present \([\d,.]+\)$/);
  assert.match(symptomLabel(several), /^● present \(2 series, max \d+\)$/);
  assert.equal(symptomLabel(absent), '○ absent');
  assert.match(symptomLabel(bad), /^\? could not evaluate: .*(expected|arguments|histogram_quantile)/);
  assert.match(symptomLabel(range), /^\? could not evaluate: a range vector is not a condition/);
});

test('a gauge the test moves: the symptom turns present, then absent again', { skip }, async () => {
  prom.exporter!.setGauge('runbook_test_symptom_gauge', 73);
  assert.equal(await waitFor('runbook_test_symptom_gauge > 50', /present/), '● present (73)');
  prom.exporter!.setGauge('runbook_test_symptom_gauge', 10);
  assert.equal(await waitFor('runbook_test_symptom_gauge > 50', /absent/), '○ absent');
});

test('a round asks each distinct condition once, with at most `concurrency` in flight', { skip }, async () => {
  let inFlight = 0, peak = 0, asked = 0;
  const counting: ConditionQuery = async (expr, signal) => {
    asked++; inFlight++; peak = Math.max(peak, inFlight);
    try { return await client.query(expr, { signal, time: Date.now() / 1000 }); } finally { inFlight--; }
  };
  const exprs = Array.from({ length: 20 }, (_, i) => `accumen_mempool_size > ${i % 10}`);
  const results = await checkConditions(exprs, counting, { concurrency: 3, noBatch: true });
  assert.equal(results.length, 20);
  assert.equal(asked, 10);
  assert.ok(peak <= 3, `peak ${peak}`);
  assert.ok(results.every(r => r.state === 'holds' || r.state === 'fails'));
});

test('several symptoms are one request (one round trip, one instant), split back with their own labels', { skip }, async () => {
  let asked = 0;
  const counting: ConditionQuery = (expr, signal) => { asked++; return client.query(expr, { signal, time: Date.now() / 1000 }); };
  const results = await checkConditions(['treasury_disbursement_backlog >= 0', 'accumen_mempool_size > 1e12', 'absent(nonexistent_metric_total)', 'treasury_disbursement_backlog >= 0'], counting);
  assert.equal(asked, 1);
  assert.deepEqual(results.map(symptomLabel).map(l => l.replace(/\d+/g, 'N')), ['● present (N series, max N)', '○ absent', '● present (N)', '● present (N series, max N)']);
  const first = results[0];
  assert.ok(first.state === 'holds');
  assert.deepEqual(first.series.map(x => x.labels.queue).sort(), ['payroll', 'vendor']);
  assert.ok(first.series.every(x => !('runbook_symptom' in x.labels) && x.labels.__name__ === undefined || x.labels.__name__ === 'treasury_disbursement_backlog'));
});

test('a batch Prometheus refuses (one condition fails to execute) falls back to one query each: the others keep their results', { skip }, async () => {
  let asked = 0;
  const counting: ConditionQuery = (expr, signal) => { asked++; return client.query(expr, { signal, time: Date.now() / 1000 }); };
  const results = await checkConditions(['accumen_mempool_size > 0', 'sum(treasury_disbursement_backlog + ignoring(queue) treasury_disbursement_backlog) > 0', 'accumen_mempool_size > 1e12'], counting);
  assert.equal(asked, 4);
  assert.deepEqual(results.map(r => r.state), ['holds', 'error', 'fails']);
});

test('a Prometheus that never answers: the round ends at its timeout, each symptom says why', async () => {
  const silent = await startSilentServer();
  const c = new PrometheusClient({ name: 'slow', prometheus: { url: silent.url } }, { requestTimeoutMs: 30_000 });
  try {
    const t0 = Date.now();
    const results = await checkConditions(['up == 0', 'up > 1'], now(c), { timeoutMs: 300 });
    assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
    assert.deepEqual(results.map(symptomLabel), ['? could not evaluate: timed out', '? could not evaluate: timed out']);
  } finally { await c.close(); await silent.stop(); }
});

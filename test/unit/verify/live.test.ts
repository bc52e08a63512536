// Verification steps against a real Prometheus: the engine polls a condition on a gauge the test
// moves until it holds, fails one whose timeout passes (the record names the condition and its
// last value), checks a precondition once, and Run all stops at a failed verification.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { RunEngine, type StepRequest } from '../../../server/src/run/engine';
import { RunRecorder } from '../../../server/src/run/records';
import { prometheusInstantQuery } from '../../../server/src/run/promql';
import { resultLabel } from '../../../server/src/run/label';
import { planBlocks, runInOrder } from '../../../server/src/run/plan';
import { buildModel } from '../../../server/src/model/build';
import { verifySpecOf } from '../../../server/src/verify/spec';
import { resolveEnvironment, builtinLocal } from '../../../server/src/environments/resolve';
import { scratchDir } from '../run/helpers';

const skip = prometheusAvailable() ? false : 'prometheus/promtool not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
const records = scratchDir('runbook-verify-');
const query = prometheusInstantQuery();
const engine = new RunEngine({ instantQuery: query, recorder: new RunRecorder(records) });
const outputs: string[] = [];
engine.on('output', (e) => outputs.push(e.text));

before(async () => { if (!skip) prom = await startPrometheus({ backfill: false }); });
after(async () => { await engine.dispose(); await query.close(); await prom?.stop(); });

const envFor = (url: string) => resolveEnvironment(builtinLocal(), { workspaceFolder: records, baseEnv: { PROMETHEUS_URL: url }, secrets: { get: async () => undefined } });
const verifyStep = async (expr: string, info: string, extra: Partial<StepRequest> = {}) =>
  engine.runStep({ runbook: 'rb.md', block: { index: 3, step: 2, lang: 'promql', sectionPath: ['Fix'], verify: verifySpecOf({ lang: 'promql', info }) }, command: expr, env: await envFor(prom.url), ...extra });
const lastRecord = () => {
  const file = readdirSync(records).filter(f => f.endsWith('.jsonl')).sort().pop()!;
  const lines = readFileSync(join(records, file), 'utf8').trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
};

test('a verification that passes once the backlog drains: progress with the current value, then ✓', { skip }, async () => {
  prom.exporter!.setGauge('runbook_test_verify_backlog', 73);
  await new Promise(r => setTimeout(r, 2500));
  outputs.length = 0;
  setTimeout(() => prom.exporter!.setGauge('runbook_test_verify_backlog', 4), 2500);
  const r = await verifyStep('runbook_test_verify_backlog < 10', 'promql verify timeout=30s every=1s');
  assert.equal(r.status, 'ok', r.output);
  assert.equal(r.verification?.holds, true);
  assert.ok(r.verification!.polls >= 2, `polls ${r.verification!.polls}`);
  const shown = outputs.join('');
  assert.match(shown, /^Verifying \(polls every 1\.0s, up to 30\.0s\): runbook_test_verify_backlog < 10\n/);
  assert.match(shown, /\n {2}… [\d.]+m?s: runbook_test_verify_backlog < 10 is 73, needs < 10\n/);
  assert.match(shown, /\n✓ verification holds after [\d.]+s \(\d+ polls\)\n$/);
  assert.match(resultLabel(r), /^✓ verified in [\d.]+s$/);
});

test('a verification whose timeout passes fails like a step; the record names the condition and its last value', { skip }, async () => {
  prom.exporter!.setGauge('runbook_test_verify_backlog', 73);
  await new Promise(r => setTimeout(r, 2500));
  const t0 = Date.now();
  const r = await verifyStep('runbook_test_verify_backlog < 10', 'promql verify timeout=3s every=1s');
  assert.ok(Date.now() - t0 < 6000, `${Date.now() - t0} ms`);
  assert.equal(r.status, 'failed');
  assert.equal(r.exitCode, 1);
  assert.equal(resultLabel(r), '✗ not verified: runbook_test_verify_backlog < 10 is 73, needs < 10');
  const rec = lastRecord();
  assert.equal(rec.status, 'failed');
  assert.equal(rec.verification.holds, false);
  assert.equal(rec.verification.condition, 'runbook_test_verify_backlog < 10');
  assert.equal(rec.verification.lastValue, '73, needs < 10');
  assert.match(rec.failure.text, /verification failed after [\d.]+s: runbook_test_verify_backlog < 10 is 73, needs < 10/);
});

test('a precondition is asked once: not met fails at once, met passes', { skip }, async () => {
  const t0 = Date.now();
  const no = await verifyStep('accumen_mempool_size > 1e12', 'promql precondition');
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(no.status, 'failed');
  assert.equal(no.verification?.polls, 1);
  assert.match(resultLabel(no), /^✗ precondition not met: accumen_mempool_size > 1e12 is [\d,.KM]+, needs > 1e12$/);
  const yes = await verifyStep('accumen_mempool_size > 0', 'promql precondition');
  assert.equal(yes.status, 'ok');
  assert.equal(resultLabel(yes), '✓ precondition holds');
});

test('cancel ends a verification at once, as cancelled', { skip }, async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 300);
  const r = await verifyStep('accumen_mempool_size > 1e12', 'promql verify timeout=1m every=5s', { signal: ac.signal });
  assert.equal(r.status, 'cancelled');
  assert.ok(r.durationMs < 2000);
});

test('Run all stops at a verification that fails: the step after it does not run', { skip }, async () => {
  const doc = '# Fix\n\n```promql\naccumen_mempool_size\n```\n\n```promql verify timeout=1s every=1s\naccumen_mempool_size > 1e12\n```\n\n```bash\necho never\n```\n';
  const model = buildModel(doc);
  const env = await envFor(prom.url);
  const blocks = planBlocks(model, { all: true });
  const results = await runInOrder(blocks, (b, i) => engine.runStep({ runbook: 'all.md', block: { ...b, step: i + 1, verify: verifySpecOf(b) }, command: b.body, env }));
  assert.deepEqual(results.map(r => r.status), ['ok', 'failed']);
  assert.equal(results[1].verification?.condition, 'accumen_mempool_size > 1e12');
});

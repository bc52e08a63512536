// PromQL steps against a real Prometheus scraping the test exporter.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { RunEngine } from '../../../server/src/run/engine';
import { formatQueryResult, prometheusInstantQuery } from '../../../server/src/run/promql';
import { resolveEnvironment, builtinLocal } from '../../../server/src/environments/resolve';

const skip = prometheusAvailable() ? false : 'prometheus/promtool not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
const query = prometheusInstantQuery();
const engine = new RunEngine({ instantQuery: query });

before(async () => { if (!skip) prom = await startPrometheus({ backfill: false }); });
after(async () => { await engine.dispose(); await query.close(); await prom?.stop(); });

const envFor = (url: string) => resolveEnvironment(builtinLocal(), { workspaceFolder: '/tmp', baseEnv: { PROMETHEUS_URL: url }, secrets: { get: async () => undefined } });
const step = async (url: string, expr: string) =>
  engine.runStep({ runbook: '/rb.md', block: { index: 0, lang: 'promql', sectionPath: [] }, command: expr, env: await envFor(url) });

test('a PromQL step prints a table of series and values', { skip }, async () => {
  const r = await step(prom.url, 'treasury_disbursement_backlog');
  assert.equal(r.status, 'ok', r.output);
  const lines = r.output.trim().split('\n');
  assert.match(lines[0], /^metric\s+instance\s+job\s+queue\s+value$/);
  assert.match(lines[1], /^-+ +-+/);
  assert.deepEqual(lines.slice(2).map((l) => l.split(/\s+/)[3]).sort(), ['payroll', 'vendor']);
});

test('a bad query or an unreachable server fails with a one-line reason', { skip }, async () => {
  const bad = await step(prom.url, 'sum(rate(x[5m])');
  assert.equal(bad.status, 'failed');
  assert.match(bad.output, /^Prometheus http:\/\/127\.0\.0\.1:\d+.*\n$/);
  const down = await step('http://127.0.0.1:9', 'up');
  assert.equal(down.status, 'failed');
  assert.doesNotMatch(down.output, /\n\s+at /);
});

test('scalars and empty results read naturally', () => {
  assert.equal(formatQueryResult({ resultType: 'scalar', result: [1, '42'] }), '42\n');
  assert.equal(formatQueryResult({ resultType: 'vector', result: [] }), '(no series)\n');
});

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

test('a block of several queries runs each one (split as the checker splits), each with its own header', { skip }, async () => {
  // The sample runbook's step 2: two expressions separated by a comment; sent whole, Prometheus
  // answers `parse error: unexpected identifier "deriv"`.
  const body = '# backlog per queue\nsum by (queue) (treasury_disbursement_backlog)\n\n# is it still growing?\nderiv(treasury_disbursement_backlog[10m]) > -1e9\n';
  const r = await step(prom.url, body);
  assert.equal(r.status, 'ok', r.output);
  assert.doesNotMatch(r.output, /parse error/);
  const parts = r.output.split('\n\n');
  assert.equal(parts.length, 2, r.output);
  assert.match(parts[0], /^# backlog per queue\n▸ sum by \(queue\) \(treasury_disbursement_backlog\)\nqueue +value\n/);
  assert.match(parts[1], /^# is it still growing\?\n▸ deriv\(treasury_disbursement_backlog\[10m\]\) > -1e9\n(.*value|\(no series\))\n/);
});

test('in a block of several queries, one bad query fails the step at its line and the others still run', { skip }, async () => {
  const r = await step(prom.url, 'up\nrate(up)\ncount(up)\n');
  assert.equal(r.status, 'failed');
  assert.equal(r.failure?.line, 2, JSON.stringify(r.failure));
  assert.match(r.output, /▸ count\(up\)\nvalue\n/);
});

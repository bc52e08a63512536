// The client against a real Prometheus scraping the test exporter.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';

const skip = prometheusAvailable() ? false : 'prometheus/promtool not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
let client: PrometheusClient;

before(async () => {
  if (skip) return;
  prom = await startPrometheus();
  client = new PrometheusClient({ name: 'test', prometheus: { url: prom.url } });
});
after(async () => { await client?.close(); await prom?.stop(); });

test('instant query returns the exporter\'s series and values', { skip }, async () => {
  const data = await client.query('treasury_disbursement_backlog');
  assert.equal(data.resultType, 'vector');
  if (data.resultType !== 'vector') return;
  assert.deepEqual(data.result.map((s) => s.metric.queue).sort(), ['payroll', 'vendor']);
  for (const s of data.result) assert.ok(Number(s.value[1]) > 0, `backlog value ${s.value[1]}`);
});

test('range query over the last hour has backfilled history', { skip }, async () => {
  const end = Math.floor(Date.now() / 1000);
  const data = await client.queryRange('sum(rate(runbook_demo_requests_total[5m]))', end - 3600, end, 60);
  assert.equal(data.resultType, 'matrix');
  if (data.resultType !== 'matrix') return;
  assert.ok(data.result[0]!.values.length >= 50, `points: ${data.result[0]!.values.length}`);
});

test('metadata gives HELP and TYPE per metric', { skip }, async () => {
  const all = await client.metadata();
  assert.equal(all.get('runbook_demo_requests_total')?.type, 'counter');
  assert.equal(all.get('runbook_demo_request_duration_seconds')?.type, 'histogram');
  const one = await client.metadata('accumen_mempool_size');
  assert.deepEqual([...one.keys()], ['accumen_mempool_size']);
  assert.equal(one.get('accumen_mempool_size')?.help, 'Transactions waiting in the mempool.');
});

test('metric names, labels scoped by match[], label values and series', { skip }, async () => {
  const names = await client.metricNames();
  assert.ok(names.includes('accumen_mempool_size'));
  assert.ok(names.includes('runbook_demo_request_duration_seconds_bucket'));
  const labels = await client.labels(['runbook_demo_requests_total']);
  assert.ok(labels.includes('route') && labels.includes('code'));
  assert.ok(!labels.includes('queue'), 'labels are scoped to the matched metric');
  assert.deepEqual(await client.labelValues('queue', ['treasury_disbursement_backlog']), ['payroll', 'vendor']);
  const series = await client.series(['runbook_demo_requests_total{code="500"}']);
  assert.equal(series.length, 3);
});

test('a bad query is a one-line "query rejected" error naming the URL', { skip }, async () => {
  await assert.rejects(client.query('sum(rate(x[5m])'), (e: Error & { kind?: string }) => {
    assert.equal(e.kind, 'prometheus');
    assert.match(e.message, new RegExp(`^Prometheus ${prom.url}/api/v1/query: query rejected: .+`));
    assert.ok(!e.message.includes('\n'));
    return true;
  });
});

test('parse_query is undefined on servers that predate it, or an AST on newer ones', { skip }, async () => {
  const ast = await client.parseQuery('sum(up)');
  assert.ok(ast === undefined || (typeof ast === 'object' && ast !== null));
});

test('values are cached until invalidate()', { skip }, async () => {
  // time() changes every millisecond, so equal answers can only come from the cache.
  const a = await client.query('time()');
  const b = await client.query('time()');
  assert.deepEqual(b, a, 'second call within the TTL is served from the cache');
  client.invalidate();
  await new Promise((r) => setTimeout(r, 5));
  const c = await client.query('time()');
  assert.notDeepEqual(c, a, 'after invalidate() the value is fetched again');
});

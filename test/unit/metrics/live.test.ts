// Hovers, completion and unknown-metric checks against a real Prometheus scraping the exporter.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { metricHover } from '../../../server/src/metrics/metricHover';
import { expressionHover } from '../../../server/src/metrics/expressionHover';
import { completeMetrics } from '../../../server/src/metrics/completion';
import { KnownNames } from '../../../server/src/metrics/knownNames';
import { unknownMetricDiagnostics } from '../../../server/src/metrics/unknownMetrics';
import { checkUnknownMetrics } from '../../../server/src/metrics/unknownMetricsCheck';
import { rateWindowFindings } from '../../../server/src/metrics/rateWindow';
import type { MetricRef } from '../../../server/src/analysis/types';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { closedUrl } from '../../support/servers';

const skip = prometheusAvailable() ? false : 'prometheus/promtool not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
let client: PrometheusClient;

before(async () => {
  if (skip) return;
  prom = await startPrometheus();
  client = new PrometheusClient({ name: 'staging', prometheus: { url: prom.url } });
});
after(async () => { await client?.close(); await prom?.stop(); });

function decodeChart(md: string): string {
  const uri = md.match(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/)?.[1];
  assert.ok(uri, 'hover has an SVG trend image');
  return Buffer.from(uri, 'base64').toString('utf8');
}

test('hover on a counter: rate (the chart\'s last point) and total, series, HELP/TYPE, chart with axes, graph link, queries', { skip }, async () => {
  const md = await metricHover('runbook_demo_requests_total', { client, envName: 'staging' });
  assert.match(md, /\*\*`runbook_demo_requests_total`\*\* counter — _staging_/);
  assert.match(md, /Requests served by the demo service\./);
  const headline = md.match(/\*\*([\d,.]+[KM]?)\/s\*\* \(rate over 5m\) · [\d,.]+[KM]? total · 6 series \(sum\)/);
  assert.ok(headline, md);
  const svg = decodeChart(md);
  assert.match(svg, /<svg[^>]*>.*<path d="M/);
  assert.match(svg, />now<\/text>/, 'a time axis');
  const caption = md.match(/per-second rate, last hour · min [\d.,]+ · max [\d.,]+ · now ([\d.,]+[KM]?) · \[open in Prometheus\]\(([^)]+)\)/);
  assert.ok(caption, md);
  assert.equal(caption[1], headline[1], 'the headline is the chart\'s last point');
  assert.equal(caption[2], `${prom.url}/graph?g0.expr=sum%28rate%28runbook_demo_requests_total%5B5m%5D%29%29&g0.tab=0&g0.range_input=1h`);
  assert.ok(!/`[▁▂▃▄▅▆▇█ ]{10,}`/.test(md), 'no second, text sparkline');
  assert.match(md, /\| code \| route \| value \|/);
  assert.match(md, /\| 200 \| \/api\/v1\/transfer \| [\d,]+ \|/);
  assert.match(md, /Common labels: instance=127\\\.0\.0\.1\\:\d+, job=exporter/);
  assert.ok(md.includes('sum(rate(runbook_demo_requests_total[5m]))  # trend, 1 h at 1 m steps'));
  assert.ok(md.includes(`staging · \`${prom.url}\``));
});

test('hover on a gauge charts the sum and lists both series', { skip }, async () => {
  const md = await metricHover('treasury_disbursement_backlog', { client, envName: 'staging' });
  assert.match(md, /gauge — _staging_/);
  assert.match(md, /· 2 series \(sum\)/);
  const value = md.match(/\*\*(\d+)\*\* · 2 series/)?.[1];
  assert.match(md, new RegExp(`sum, last hour · min \\d+ · max \\d+ · now ${value} `), 'the chart ends on the headline value');
  assert.match(md, /\| payroll \| \d+ \|/);
  decodeChart(md);
});

test('hover on a histogram\'s base name shows its observations and p95', { skip }, async () => {
  const md = await metricHover('runbook_demo_request_duration_seconds', { client, envName: 'staging' });
  assert.match(md, /histogram · unit: seconds/);
  assert.match(md, /observations · 1 series/);
  assert.match(md, /p95 over 5m: \*\*[\d.]+\*\* seconds/);
});

test('label values cannot inject markup into the hover', { skip }, async () => {
  const md = await metricHover('runbook_demo_hostile_label', { client, envName: 'staging' });
  assert.ok(!md.includes('<img'), md);
  assert.ok(!md.includes('[link](http://evil)'));
  assert.ok(md.includes('&lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* \\[link\\](http\\://evil)'), md);
});

test('hover on a misspelt metric says there are no series and suggests the real one', { skip }, async () => {
  const md = await metricHover('treasury_disbursment_backlog', { client, envName: 'staging' });
  assert.match(md, /No series named `treasury_disbursment_backlog` in staging\./);
  assert.match(md, /Did you mean `treasury_disbursement_backlog`\?/);
});

test('hover on an expression evaluates it and charts it', { skip }, async () => {
  const md = await expressionHover('sum by (code) (rate(runbook_demo_requests_total[5m]))', { client, envName: 'staging' });
  assert.match(md, /\*\*Result\*\* — _staging_/);
  assert.match(md, /\(sum\) · 2 series/);
  assert.match(md, /\| code \| value \|/);
  decodeChart(md);
  const bad = await expressionHover('sum(rate(x[5m])', { client, envName: 'staging' });
  assert.match(bad, /^⚠ staging: Prometheus http\\:\/\/127\.0\.0\.1\\:\d+\/api\/v1\/query\\: query rejected\\: /);
  assert.ok(!bad.includes('\n'));
});

test('hover when Prometheus is down is one line with URL and reason', async () => {
  const url = await closedUrl();
  const down = new PrometheusClient({ name: 'prod', prometheus: { url } }, { requestTimeoutMs: 1000 });
  try {
    const md = await metricHover('accumen_mempool_size', { client: down, envName: 'prod' });
    assert.match(md, /^⚠ prod: Prometheus http\\:\/\/127\.0\.0\.1\\:\d+\/api\/v1\/query\\: connection refused \(nothing listening\)$/);
  } finally { await down.close(); }
});

test('completion offers a live metric name with its TYPE and HELP', { skip }, async () => {
  const r = await completeMetrics(client, 'rate(treas');
  assert.equal(r?.context.kind, 'metric');
  const item = r!.items.find((i) => i.label === 'treasury_disbursement_backlog');
  assert.ok(item, 'live name offered');
  assert.equal(item.detail, 'gauge');
  assert.match((item.documentation as { value: string }).value, /Disbursements waiting for approval/);
  assert.equal(r!.items[0]!.label, 'treasury_disbursement_backlog', 'prefix match ranks first');
  const fuzzy = await completeMetrics(client, 'mpsz');
  assert.ok(fuzzy!.items.some((i) => i.label === 'accumen_mempool_size'));
  const tooShort = await completeMetrics(client, 't');
  assert.deepEqual(tooShort?.items, []);
});

test('completion of label names after { is scoped to the metric; values after =', { skip }, async () => {
  const names = await completeMetrics(client, 'sum(runbook_demo_requests_total{');
  assert.deepEqual(names!.items.map((i) => i.label).filter((l) => l === 'route' || l === 'code' || l === 'queue').sort(), ['code', 'route']);
  const values = await completeMetrics(client, 'runbook_demo_requests_total{code="200", route=~"/api');
  assert.equal(values?.context.kind, 'labelValue');
  assert.deepEqual(values!.items.map((i) => i.label).sort(), ['/api/v1/balance', '/api/v1/transfer']);
  const unquoted = await completeMetrics(client, 'treasury_disbursement_backlog{queue=');
  assert.deepEqual(unquoted!.items.map((i) => i.insertText).sort(), ['"payroll"', '"vendor"']);
});

test('unknown metric: information diagnostic with a correct did-you-mean, from the live name list', { skip }, async () => {
  const known = new KnownNames(await client.metricNames());
  assert.equal((await checkUnknownMetrics(client, [{ name: 'accumen_mempool_sise', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, source: 'inline', confidence: 1 }], 'staging')).length, 1);
  const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 10 } });
  const refs: MetricRef[] = [
    { name: 'accumen_mempool_sise', range: range(1), source: 'promql-block', confidence: 1 },
    { name: 'accumen_mempool_size', range: range(2), source: 'promql-block', confidence: 1 },
    { name: 'runbook_demo_request_duration_seconds', range: range(3), source: 'prose', confidence: 0.9 },
  ];
  const diags = unknownMetricDiagnostics(refs, known, 'staging');
  assert.equal(diags.length, 1);
  assert.equal(diags[0]!.code, 'metric/unknown');
  assert.equal(diags[0]!.severity, 3);
  assert.equal(diags[0]!.message, 'No series named "accumen_mempool_sise" in staging. Did you mean "accumen_mempool_size"?');
  assert.deepEqual((diags[0]!.data as { fixes: { edits: { newText: string }[] }[] }).fixes[0]!.edits[0]!.newText, 'accumen_mempool_size');
});

test('online check: a rate() window shorter than twice the scrape interval (1 s here) is flagged', { skip }, async () => {
  const expr = 'rate(runbook_demo_requests_total[1s]) + rate(accumen_blocks_produced_total[5m]) + rate(no_such_metric_total[1s])';
  const found = await rateWindowFindings(client, expr);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.code, 'promql/rate-window');
  assert.equal(expr.slice(found[0]!.span.start, found[0]!.span.end), '1s');
  assert.match(found[0]!.message, /^rate\(\) over \[1s\] is shorter than twice the scrape interval of job "exporter" \(1s\).*Use at least \[4s\]\.$/);
});

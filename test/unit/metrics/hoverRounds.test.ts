// A hover is one round trip: the value queries do not wait for the metadata (nor an expression's
// trend for its value), and when the metadata shows the naming convention guessed wrong, the
// right queries follow and win.
import test from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { metricHover } from '../../../server/src/metrics/metricHover';
import { expressionHover } from '../../../server/src/metrics/expressionHover';
import { jsonOk, startHttpServer } from '../../support/servers';

const vector = (res: ServerResponse, value?: string, metric: Record<string, string> = {}) =>
  jsonOk(res, { resultType: 'vector', result: value === undefined ? [] : [{ metric, value: [0, value] }] });
const matrix = (res: ServerResponse) => jsonOk(res, { resultType: 'matrix', result: [] });

test('the value queries go out while the metadata is still unanswered', async () => {
  const seen = new Set<string>();
  let answerMetadata: (() => void) | undefined;
  const srv = await startHttpServer((req, res, body) => {
    const q = new URLSearchParams(body).get('query') ?? '';
    if (req.url!.startsWith('/api/v1/metadata')) {
      // Held until top, count and sum have arrived: a hover that waited for it would time out.
      answerMetadata = () => jsonOk(res, { up: [{ type: 'gauge', help: 'Target up.', unit: '' }] });
    } else if (req.url!.startsWith('/api/v1/query_range')) return matrix(res);
    else { seen.add(q.replace(/\(.*/, '')); vector(res, '1', q.startsWith('topk') ? { __name__: 'up', job: 'a' } : {}); }
    if (['topk', 'count', 'sum'].every(k => seen.has(k))) answerMetadata?.();
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 2000 });
  try {
    const md = await metricHover('up', { client, envName: 'prod' });
    assert.match(md, /^\*\*`up`\*\* gauge — _prod_\n\nTarget up\./);
    assert.match(md, /\*\*1\*\* · 1 series/);
  } finally { await client.close(); await srv.stop(); }
});

test('metadata that contradicts the name\'s convention decides the queries', async () => {
  const asked: string[] = [];
  const srv = await startHttpServer((req, res, body) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/api/v1/metadata') {
      const m = url.searchParams.get('metric');
      // A histogram hovered by its base name, and a gauge whose name ends in _total.
      if (m === 'lat_seconds') return jsonOk(res, { lat_seconds: [{ type: 'histogram', help: 'Latency.', unit: '' }] });
      if (m === 'queue_total') return jsonOk(res, { queue_total: [{ type: 'gauge', help: 'Queued.', unit: '' }] });
      return jsonOk(res, {});
    }
    const q = new URLSearchParams(body).get('query') ?? '';
    asked.push(q);
    if (url.pathname === '/api/v1/query_range') return matrix(res);
    // Only the histogram's _count and the gauge have series; the base name has none.
    if (/\blat_seconds_count\b/.test(q) || /\bqueue_total\b/.test(q)) return vector(res, q.startsWith('count') ? '1' : '7', q.startsWith('topk') ? { __name__: 'x', job: 'a' } : {});
    if (q.startsWith('histogram_quantile')) return vector(res, '0.25');
    vector(res);
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 2000 });
  try {
    const hist = await metricHover('lat_seconds', { client, envName: 'prod' });
    assert.match(hist, /histogram · unit: seconds — _prod_/);
    assert.match(hist, /\*\*7\*\* observations · 1 series/);
    assert.match(hist, /p95 over 5m: \*\*0\.25\*\* seconds/);
    assert.match(hist, /sum\(rate\(lat_seconds_count\[5m\]\)\) +# trend/);
    assert.ok(asked.includes('sum(rate(lat_seconds_count[5m]))'), 'the trend the metadata calls for was asked');

    const gauge = await metricHover('queue_total', { client, envName: 'prod' });
    assert.match(gauge, /gauge — _prod_/);
    assert.match(gauge, /\*\*7\*\* · 1 series/);
    assert.doesNotMatch(gauge, /\btotal ·/, 'a gauge is not shown as a total');
    assert.match(gauge, /\nsum\(queue_total\) +# trend/);
    assert.ok(asked.includes('sum(queue_total)'));
  } finally { await client.close(); await srv.stop(); }
});

test('an expression hover asks for the trend with the query, and not at all for a range vector', async () => {
  const paths: string[] = [];
  let answerQuery: (() => void) | undefined;
  let trendAsked = false;
  const srv = await startHttpServer((req, res, body) => {
    const q = new URLSearchParams(body).get('query') ?? '';
    paths.push(`${req.url} ${q}`);
    if (req.url!.startsWith('/api/v1/query_range')) {
      trendAsked = true;
      jsonOk(res, { resultType: 'matrix', result: [{ metric: {}, values: [[0, '1']] }] });
    } else if (q.endsWith(']')) return jsonOk(res, { resultType: 'matrix', result: [{ metric: { job: 'a' }, values: [[0, '3']] }] });
    // Held until the trend has been asked: a hover that waited for it would time out.
    else answerQuery = () => vector(res, '2', { job: 'a' });
    if (trendAsked) answerQuery?.();
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 2000 });
  try {
    const md = await expressionHover('sum(up)', { client, envName: 'prod' });
    assert.match(md, /\*\*2\*\* · 1 series/);
    paths.length = 0;
    const range = await expressionHover('up[5m]', { client, envName: 'prod' });
    assert.match(range, /range vector · 1 series/);
    assert.deepEqual(paths, ['/api/v1/query up[5m]'], 'no trend is asked for a range vector');
  } finally { await client.close(); await srv.stop(); }
});

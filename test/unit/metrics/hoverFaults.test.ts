// Hovers on real misbehaving servers: always one answer, within the client's request timeout.
import test from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { metricHover } from '../../../server/src/metrics/metricHover';
import { expressionHover } from '../../../server/src/metrics/expressionHover';
import { jsonOk, startHttpServer, startSilentServer } from '../../support/servers';

test('a server that never answers gives a one-line timeout hover', async () => {
  const srv = await startSilentServer();
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 300 });
  try {
    for (const md of [await metricHover('up', { client, envName: 'prod' }), await expressionHover('sum(up)', { client, envName: 'prod' })]) {
      assert.match(md, /^⚠ prod: Prometheus http\\:\/\/127\.0\.0\.1\\:\d+.*within 300 ms$/);
    }
  } finally { await client.close(); await srv.stop(); }
});

test('a hanging trend query still yields the value, with the trend marked unavailable', async () => {
  const srv = await startHttpServer((req, res, body) => {
    if (req.url!.startsWith('/api/v1/query_range')) return; // never answered
    if (req.url!.startsWith('/api/v1/metadata')) return jsonOk(res, { up: [{ type: 'gauge', help: 'Target up.', unit: '' }] });
    const q = new URLSearchParams(body).get('query') ?? '';
    jsonOk(res, { resultType: 'vector', result: [{ metric: q.startsWith('topk') ? { __name__: 'up', job: 'a' } : {}, value: [0, '1'] }] });
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 300 });
  try {
    const md = await metricHover('up', { client, envName: 'prod' });
    assert.match(md, /^\*\*`up`\*\* gauge — _prod_/);
    assert.match(md, /\*\*1\*\* · 1 series/);
    assert.match(md, /_Trend unavailable: Prometheus .*within 300 ms_/);
  } finally { await client.close(); await srv.stop(); }
});

test('a hover cancelled by the editor stops at once and says so', async () => {
  const srv = await startSilentServer();
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 60_000 });
  try {
    const ac = new AbortController();
    const p = metricHover('up', { client, envName: 'prod', signal: ac.signal });
    setImmediate(() => ac.abort());
    assert.match(await p, /^⚠ prod: .*request cancelled$/);
  } finally { await client.close(); await srv.stop(); }
});

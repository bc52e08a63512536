// Work reused between hovers (rendered text, trends, metadata maps) is tied to the client's cached
// answers: a fresh answer is always rendered afresh, never served from the reuse.
import test from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { metricHover } from '../../../server/src/metrics/metricHover';
import { jsonOk, startHttpServer } from '../../support/servers';

test('a hover after the cache was dropped shows the new values, help and trend', async () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 30);
  let round = 1;
  let requests = 0;
  const srv = await startHttpServer((req, res, body) => {
    requests++;
    if (req.url!.startsWith('/api/v1/metadata')) return jsonOk(res, { up: [{ type: 'gauge', help: `Help ${round}.`, unit: '' }] });
    if (req.url!.startsWith('/api/v1/query_range')) {
      const p = new URLSearchParams(body);
      const start = Number(p.get('start'));
      return jsonOk(res, { resultType: 'matrix', result: [{ metric: {}, values: [[start, String(round * 10)], [start + 60, String(round * 20)]] }] });
    }
    const q = new URLSearchParams(body).get('query') ?? '';
    jsonOk(res, { resultType: 'vector', result: [{ metric: q.startsWith('topk') ? { __name__: 'up', job: `job${round}` } : {}, value: [now / 1000, q.startsWith('count') ? '1' : String(round)] }] });
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } });
  try {
    const first = await metricHover('up', { client, envName: 'prod', now });
    assert.match(first, /Help 1\./);
    assert.match(first, /\*\*1\*\* · 1 series/);
    assert.match(first, /job=job1/);
    assert.match(first, /min 1 · max 20 · now 1\b/, 'the chart ends on the value just read, which the headline shows');
    const asked = requests;
    assert.equal(await metricHover('up', { client, envName: 'prod', now }), first, 'served from the cache: the same text');
    assert.equal(requests, asked, 'and no request');
    assert.match(await metricHover('up', { client, envName: 'staging', now }), /— _staging_/, 'another environment name is not the cached text');

    round = 2;
    client.invalidate();
    const second = await metricHover('up', { client, envName: 'prod', now });
    assert.match(second, /Help 2\./);
    assert.match(second, /\*\*2\*\* · 1 series/);
    assert.match(second, /job=job2/);
    assert.match(second, /min 2 · max 40 · now 2\b/);
    assert.equal((await client.metadata('up')).get('up')?.help, 'Help 2.');
  } finally { await client.close(); await srv.stop(); }
});

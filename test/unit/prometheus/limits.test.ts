// Bounded concurrency: however many calls are made, at most maxConcurrent are on the wire.
import test from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { PrometheusError } from '../../../server/src/prometheus/errors';
import { Limiter } from '../../../server/src/prometheus/limiter';
import { jsonOk, startHttpServer } from '../../support/servers';

test('100 concurrent calls against a hanging server: in flight never exceeds the limit', async () => {
  const held: ServerResponse[] = [];
  let open = 0;
  let maxOpen = 0;
  const srv = await startHttpServer((_req, res) => {
    open++; maxOpen = Math.max(maxOpen, open);
    res.on('close', () => { open--; });
    held.push(res); // never answered
  });
  const client = new PrometheusClient({ name: 'p', prometheus: { url: srv.url } }, { maxConcurrent: 4, requestTimeoutMs: 60_000 });
  const ac = new AbortController();
  let maxInFlight = 0;
  const calls = Array.from({ length: 100 }, (_, i) => {
    const p = client.query(`up + ${i}`, { signal: ac.signal });
    maxInFlight = Math.max(maxInFlight, client.inFlight);
    return p.catch((e: unknown) => e);
  });
  try {
    while (held.length < 4) await new Promise((r) => setTimeout(r, 10));
    assert.equal(client.inFlight, 4);
    assert.equal(client.queued, 96);
    ac.abort();
    const results = await Promise.all(calls);
    assert.ok(results.every((e) => e instanceof PrometheusError && e.kind === 'cancelled'));
    assert.equal(srv.requests.length, 4, 'queued calls cancelled before reaching the server');
    assert.ok(maxInFlight <= 4 && maxOpen <= 4, `in flight ${maxInFlight}, open at server ${maxOpen}`);
    assert.equal(client.inFlight, 0);
  } finally { await client.close(); await srv.stop(); }
});

test('100 concurrent calls against a slow server all complete, never more than the limit at once', async () => {
  let open = 0;
  let maxOpen = 0;
  const srv = await startHttpServer((_req, res) => {
    open++; maxOpen = Math.max(maxOpen, open);
    setTimeout(() => { open--; jsonOk(res, { resultType: 'scalar', result: [0, '1'] }); }, 5);
  });
  const client = new PrometheusClient({ name: 'p', prometheus: { url: srv.url } }, { maxConcurrent: 3 });
  try {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.query(`vector(${i})`)));
    assert.equal(results.length, 100);
    assert.equal(srv.requests.length, 100);
    assert.ok(maxOpen <= 3, `open at server ${maxOpen}`);
  } finally { await client.close(); await srv.stop(); }
});

test('identical concurrent calls share one request', async () => {
  const srv = await startHttpServer((_req, res) => { setTimeout(() => jsonOk(res, ['a']), 20); });
  const client = new PrometheusClient({ name: 'p', prometheus: { url: srv.url } });
  try {
    const all = await Promise.all(Array.from({ length: 10 }, () => client.metricNames()));
    assert.ok(all.every((v) => v[0] === 'a'));
    assert.equal(srv.requests.length, 1);
  } finally { await client.close(); await srv.stop(); }
});

test('Limiter rejects bad limits and frees its slot when a task throws', async () => {
  assert.throws(() => new Limiter(0));
  const l = new Limiter(1);
  await assert.rejects(l.run(async () => { throw new Error('boom'); }));
  assert.equal(await l.run(async () => 7), 7);
  assert.equal(l.inFlight, 0);
});

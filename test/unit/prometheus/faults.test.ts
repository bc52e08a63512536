// The five ways a Prometheus fails, on real sockets: each must end in a typed one-line error
// naming the URL (kinds are asserted, not timings: the machine is noisy).
import test from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { PrometheusError, type PrometheusErrorKind } from '../../../server/src/prometheus/errors';
import { closedUrl, startHttpServer, startSilentServer } from '../../support/servers';

const fast = { connectTimeoutMs: 500, requestTimeoutMs: 400 };

async function expectError(url: string, kind: PrometheusErrorKind, reason: RegExp, options = {}): Promise<PrometheusError> {
  const client = new PrometheusClient({ name: 'faulty', prometheus: { url } }, { ...fast, ...options });
  try {
    const err = await client.query('up').then(() => assert.fail('expected an error'), (e: unknown) => e);
    assert.ok(err instanceof PrometheusError, `got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    assert.match(err.message, new RegExp(`^Prometheus ${url}/api/v1/query: `));
    assert.match(err.reason, reason);
    assert.ok(!err.message.includes('\n'), 'one line');
    return err;
  } finally {
    await client.close();
  }
}

test('nothing listening: unreachable, connection refused', async () => {
  await expectError(await closedUrl(), 'unreachable', /connection refused/);
});

test('accepts and never answers: timeout within the request timeout', async () => {
  const srv = await startSilentServer();
  try {
    await expectError(srv.url, 'timeout', /no answer within 400 ms/);
    assert.ok(srv.connections() >= 1, 'the request reached the server');
  } finally { await srv.stop(); }
});

test('HTTP 500 carries Prometheus\'s own error text', async () => {
  const srv = await startHttpServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'internal', error: 'storage is on fire' }));
  });
  try {
    const e = await expectError(srv.url, 'http', /^HTTP 500: storage is on fire$/);
    assert.equal(e.status, 500);
  } finally { await srv.stop(); }
});

test('HTTP 502 from a proxy with an HTML page keeps its first line', async () => {
  const srv = await startHttpServer((_req, res) => { res.writeHead(502).end('Bad Gateway\n<html>…</html>'); });
  try { await expectError(srv.url, 'http', /^HTTP 502: Bad Gateway$/); } finally { await srv.stop(); }
});

test('malformed JSON is reported, not thrown as a SyntaxError', async () => {
  const srv = await startHttpServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":'); });
  try { await expectError(srv.url, 'malformed', /malformed JSON/); } finally { await srv.stop(); }
});

test('JSON that is not a Prometheus answer is malformed too', async () => {
  const srv = await startHttpServer((_req, res) => { res.writeHead(200).end('{"hello":"world"}'); });
  try { await expectError(srv.url, 'malformed', /not a Prometheus API answer/); } finally { await srv.stop(); }
});

test('a valid answer of the wrong shape is malformed, not a TypeError later', async () => {
  const srv = await startHttpServer((_req, res) => { res.writeHead(200).end('{"status":"success","data":{"resultType":"vector","result":[["x",1]]}}'); });
  try { await expectError(srv.url, 'malformed', /does not have the shape/); } finally { await srv.stop(); }
});

test('oversized body is refused by declared length', async () => {
  const srv = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-length': String(60 * 1024 * 1024) });
    res.write('{"status":"success","data":"'); // then stall: the client must not wait for 60 MB
  });
  try { await expectError(srv.url, 'too-large', /larger than 50 MB; refused/, { requestTimeoutMs: 5000 }); } finally { await srv.stop(); }
});

test('oversized chunked body is cut off while streaming', async () => {
  const chunk = 'x'.repeat(64 * 1024);
  const srv = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"status":"success","data":"');
    for (let i = 0; i < 40; i++) res.write(chunk); // 2.5 MB, above the 1 MB cap below
    res.end('"}');
  });
  try { await expectError(srv.url, 'too-large', /larger than 1 MB/, { maxResponseBytes: 1024 * 1024, requestTimeoutMs: 5000 }); } finally { await srv.stop(); }
});

test('cancellation by AbortSignal is its own kind', async () => {
  const srv = await startSilentServer();
  const client = new PrometheusClient({ name: 'c', prometheus: { url: srv.url } }, { requestTimeoutMs: 10_000 });
  try {
    const ac = new AbortController();
    const p = client.query('up', { signal: ac.signal });
    setImmediate(() => ac.abort());
    await assert.rejects(p, (e: PrometheusError) => e.kind === 'cancelled');
  } finally { await client.close(); await srv.stop(); }
});

test('an environment without Prometheus is refused up front', () => {
  assert.throws(() => new PrometheusClient({ name: 'lab' }), (e: PrometheusError) => e.kind === 'not-configured' && /"lab"/.test(e.message));
});

// Credentials go to their own environment's Prometheus and nowhere else, and never into messages.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { PrometheusError } from '../../../server/src/prometheus/errors';
import { redactHeaders, redactUrl } from '../../../server/src/prometheus/redact';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { jsonOk, startHttpServer, startRecordingProxy, type TestServer } from '../../support/servers';

const skip = prometheusAvailable() ? false : 'prometheus not installed';
const TOKEN = 's3cr3t-token-value';
let prom: RunningPrometheus;
let proxy: TestServer;

before(async () => {
  if (skip) return;
  prom = await startPrometheus({ backfill: false });
  proxy = await startRecordingProxy(prom.url);
});
after(async () => { await proxy?.stop(); await prom?.stop(); });

test('bearer token and tenancy header reach the environment\'s own Prometheus', { skip }, async () => {
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: proxy.url, bearerToken: TOKEN, headers: { 'X-Scope-OrgID': 'team-a' } } });
  try {
    const data = await client.query('accumen_mempool_size');
    assert.equal(data.resultType, 'vector');
    const seen = proxy.requests.at(-1)!;
    assert.equal(seen.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(seen.headers['x-scope-orgid'], 'team-a');
  } finally { await client.close(); }
});

test('basic credentials, from settings or from the URL, become an Authorization header', async () => {
  const srv = await startHttpServer((_req, res) => jsonOk(res, []));
  try {
    const a = new PrometheusClient({ name: 'a', prometheus: { url: srv.url, basic: { username: 'ops', password: 'pw-1234' } } });
    await a.labels();
    assert.equal(srv.requests.at(-1)!.headers.authorization, `Basic ${Buffer.from('ops:pw-1234').toString('base64')}`);
    const b = new PrometheusClient({ name: 'b', prometheus: { url: srv.url.replace('//', '//ops:pw%2F9@') } });
    await b.labels();
    assert.equal(srv.requests.at(-1)!.headers.authorization, `Basic ${Buffer.from('ops:pw/9').toString('base64')}`);
    assert.ok(!b.url.includes('pw'), 'the client URL shown to users has no password');
    await a.close(); await b.close();
  } finally { await srv.stop(); }
});

test('a redirect to another origin is not followed: the other host never sees the token', async () => {
  const elsewhere = await startHttpServer((_req, res) => jsonOk(res, []));
  const home = await startHttpServer((req, res) => { res.writeHead(302, { location: `${elsewhere.url}${req.url}` }).end(); });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: home.url, bearerToken: TOKEN } });
  try {
    await assert.rejects(client.labels(), (e: PrometheusError) => {
      assert.equal(e.kind, 'redirect');
      assert.match(e.message, /redirected to another origin \(http:\/\/127\.0\.0\.1:\d+\); not followed/);
      assert.ok(!e.message.includes(TOKEN));
      return true;
    });
    assert.equal(home.requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(elsewhere.requests.length, 0, 'nothing was sent to the other origin');
  } finally { await client.close(); await home.stop(); await elsewhere.stop(); }
});

test('a same-origin redirect is followed with credentials', async () => {
  const srv = await startHttpServer((req, res) => {
    if (req.url!.startsWith('/old/')) res.writeHead(301, { location: req.url!.replace('/old/', '/new/') }).end();
    else jsonOk(res, ['__name__']);
  });
  const client = new PrometheusClient({ name: 'p', prometheus: { url: `${srv.url}/old`, bearerToken: TOKEN } });
  try {
    assert.deepEqual(await client.labels(), ['__name__']);
    assert.deepEqual(srv.requests.map((r) => [r.url.split('?')[0], r.headers.authorization]), [
      ['/old/api/v1/labels', `Bearer ${TOKEN}`], ['/new/api/v1/labels', `Bearer ${TOKEN}`]]);
  } finally { await client.close(); await srv.stop(); }
});

test('a server echoing the token in an error does not put it in our message', async () => {
  const srv = await startHttpServer((req, res) => { res.writeHead(401).end(`invalid credentials: ${req.headers.authorization}`); });
  const client = new PrometheusClient({ name: 'p', prometheus: { url: srv.url, bearerToken: TOKEN } });
  try {
    await assert.rejects(client.labels(), (e: PrometheusError) => {
      assert.equal(e.kind, 'http');
      assert.ok(!e.message.includes(TOKEN), e.message);
      assert.match(e.message, /HTTP 401: invalid credentials: \*\*\* \(check the environment's credentials\)/);
      return true;
    });
    assert.equal(client.redact(`token=${TOKEN}`), 'token=***');
  } finally { await client.close(); await srv.stop(); }
});

test('redaction helpers drop userinfo, query strings and secret-looking header values', () => {
  assert.equal(redactUrl('https://u:p@prom.example.com:9090/api/v1/query?query=up&token=x'), 'https://prom.example.com:9090/api/v1/query');
  assert.deepEqual(redactHeaders({ Authorization: 'Bearer x', 'X-Scope-OrgID': 'team', 'X-Api-Key': 'k' }),
    { Authorization: '***', 'X-Scope-OrgID': 'team', 'X-Api-Key': '***' });
});

test('credentials passed as ready-made headers (resolved environments) are masked too', async () => {
  const srv = await startHttpServer((req, res) => { res.writeHead(403).end(`denied for ${req.headers['x-api-key']} / ${req.headers.authorization}`); });
  const client = new PrometheusClient({ name: 'p', prometheus: { url: srv.url, headers: { Authorization: `Bearer ${TOKEN}`, 'X-Api-Key': 'key-5678' } } });
  try {
    await assert.rejects(client.labels(), (e: PrometheusError) => {
      assert.equal(e.reason, "HTTP 403: denied for *** / *** (check the environment's credentials)");
      return true;
    });
    assert.equal(srv.requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(client.redact(`x ${TOKEN} y`), 'x *** y');
  } finally { await client.close(); await srv.stop(); }
});

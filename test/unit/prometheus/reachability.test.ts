// Reachability for the status bar, against a real Prometheus, a port where nothing listens, a
// server that refuses the credentials and one that never answers.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { probe } from '../../../server/src/prometheus/reachability';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { closedUrl, startHttpServer, startSilentServer } from '../../support/servers';

const skip = prometheusAvailable() ? false : 'prometheus is not installed (apt-get install prometheus)';
let prom: RunningPrometheus | undefined;
before(async () => { if (!skip) prom = await startPrometheus({ backfill: false }); });
after(async () => { await prom?.stop(); });

const clientFor = (url: string) => new PrometheusClient({ name: 'staging', prometheus: { url } });

test('a running Prometheus is reachable, with its version', { skip }, async () => {
  const r = await probe(clientFor(prom!.url));
  assert.equal(r.state, 'reachable');
  assert.ok(r.state === 'reachable' && /^\d+\.\d+/.test(r.version ?? ''), JSON.stringify(r));
});

test('the answer is about now: a Prometheus that stopped is unreachable at the next probe', { skip }, async () => {
  const other = await startPrometheus({ backfill: false });
  const client = clientFor(other.url);
  assert.equal((await probe(client)).state, 'reachable');
  await other.stop();
  const r = await probe(client);
  assert.equal(r.state, 'unreachable');
  assert.match(r.state === 'unreachable' ? r.reason : '', /refused|closed/);
});

test('nothing listening is unreachable, and says why', async () => {
  const r = await probe(clientFor(await closedUrl()));
  assert.deepEqual([r.state, r.state === 'unreachable' && /connection refused/.test(r.reason)], ['unreachable', true]);
});

test('401 is "refuses the credentials"; a silent server times out as unreachable', async () => {
  const denying = await startHttpServer((_req, res) => { res.writeHead(401, { 'content-type': 'text/plain' }).end('no'); });
  const silent = await startSilentServer();
  try {
    assert.equal((await probe(clientFor(denying.url))).state, 'refused');
    const t0 = Date.now();
    assert.equal((await probe(clientFor(silent.url), 300)).state, 'unreachable');
    assert.ok(Date.now() - t0 < 3000, 'the probe gives up at its own timeout');
  } finally {
    await denying.stop();
    await silent.stop();
  }
});

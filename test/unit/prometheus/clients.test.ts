import test from 'node:test';
import assert from 'node:assert/strict';
import { PrometheusClients } from '../../../server/src/prometheus/clients';
import { jsonOk, startHttpServer } from '../../support/servers';

test('one client per environment, replaced when its settings change, dropped without Prometheus', async () => {
  const clients = new PrometheusClients();
  const a = clients.for({ name: 'staging', prometheus: { url: 'http://127.0.0.1:1' } });
  assert.ok(a);
  assert.equal(clients.for({ name: 'staging', prometheus: { url: 'http://127.0.0.1:1' } }), a);
  const b = clients.for({ name: 'staging', prometheus: { url: 'http://127.0.0.1:2' } });
  assert.notEqual(b, a);
  assert.equal(clients.for({ name: 'lab' }), undefined);
  clients.closeAll();
});

test('invalidate() on environment switch makes the next call ask Prometheus again', async () => {
  const srv = await startHttpServer((_req, res) => jsonOk(res, ['a']));
  const clients = new PrometheusClients();
  const env = { name: 'staging', prometheus: { url: srv.url } };
  try {
    await clients.for(env)!.metricNames();
    await clients.for(env)!.metricNames();
    assert.equal(srv.requests.length, 1, 'second call cached');
    clients.invalidate('staging');
    await clients.for(env)!.metricNames();
    assert.equal(srv.requests.length, 2);
  } finally { clients.closeAll(); await srv.stop(); }
});

// Alerts and silences for real: Prometheus evaluates a rule over a gauge the test moves (pending,
// firing, resolved), an Alertmanager takes and expires silences. Faults are real servers too.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startPrometheus, prometheusAvailable, type RunningPrometheus } from '../../support/prometheus';
import { startAlertmanager, alertmanagerAvailable, type RunningAlertmanager } from '../../support/alertmanager';
import { closedUrl, startHttpServer, startSilentServer } from '../../support/servers';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { AlertmanagerClient } from '../../../server/src/alertmanager/client';
import { alertStates, stateOf, stateTitle, silenceTitle } from '../../../server/src/alertLinks/firingState';
import { alertMatchers, silencesFor } from '../../../server/src/alertmanager/matching';

const skip = !prometheusAvailable() ? 'prometheus is not installed' : !alertmanagerAvailable() ? 'prometheus-alertmanager is not installed' : false;
let prom: RunningPrometheus;
let am: RunningAlertmanager;
const RULES = [
  'groups:',
  '- name: treasury',
  '  rules:',
  '  - alert: TreasuryStuck',
  '    expr: treasury_executor_stuck > 0',
  '    for: 2s',
  '    annotations:',
  '      runbook_url: runbooks/treasury.md#treasurystuck',
  '',
].join('\n');

before(async () => {
  if (skip) return;
  am = await startAlertmanager();
  prom = await startPrometheus({ backfill: false, ruleFiles: { 'treasury.yml': RULES }, alertmanagers: [am.target] });
});
after(async () => { await prom?.stop(); await am?.stop(); });

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('an alert goes pending, firing and resolved as the gauge moves', { skip }, async () => {
  // A fresh client per read: the client caches values for 15 s, as hovers want.
  const state = async () => stateOf(alertStates(await new PrometheusClient({ name: 'staging', prometheus: { url: prom.url } }).alerts()), 'TreasuryStuck');
  assert.equal((await state()).state, 'inactive');
  prom.exporter!.setGauge('treasury_executor_stuck', 1);
  const pending = await until(state, (s) => s.state !== 'inactive');
  assert.equal(pending.state, 'pending', 'for: 2s holds it pending first');
  const firing = await until(state, (s) => s.state === 'firing');
  assert.equal(firing.state, 'firing');
  assert.equal(firing.instances.length, 1);
  assert.equal(firing.instances[0].labels.job, 'exporter');
  assert.match(stateTitle(firing, 'staging', Date.now()), /^🔔 TreasuryStuck · firing in staging: 1 instance, since \d+s$/);
  const rules = await new PrometheusClient({ name: 'staging', prometheus: { url: prom.url } }).alertingRules();
  assert.deepEqual(rules.map((r) => [r.name, r.annotations.runbook_url]), [['TreasuryStuck', 'runbooks/treasury.md#treasurystuck']]);
  prom.exporter!.setGauge('treasury_executor_stuck', 0);
  assert.equal((await until(state, (s) => s.state === 'inactive')).state, 'inactive');
});

test('a silence is created, matches the alert, shows who and until when, and expires', { skip }, async () => {
  const client = new AlertmanagerClient('staging', { url: am.url });
  const start = Date.now();
  const id = await client.create({ matchers: alertMatchers('TreasuryStuck'), startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString(), createdBy: 'alice@example.com', comment: 'deploy in progress' });
  const active = silencesFor('TreasuryStuck', [{ alertname: 'TreasuryStuck', job: 'exporter' }], await client.silences());
  assert.deepEqual(active.map((s) => s.id), [id]);
  assert.deepEqual(silencesFor('LedgerDown', [], await client.silences()), []);
  assert.match(silenceTitle(active)!, /^🔕 silenced until \d\d:\d\d by alice@example\.com$/);
  await client.expire(id);
  assert.deepEqual(silencesFor('TreasuryStuck', [], await client.silences()), [], 'expired silences no longer count');
  await client.close();
});

test('faults: Alertmanager down, a 500, a server without the rules API, one that never answers', { skip }, async () => {
  const down = new AlertmanagerClient('staging', { url: await closedUrl() });
  await assert.rejects(down.silences(), /^AlertmanagerError: Alertmanager http:\/\/127\.0\.0\.1:\d+\/api\/v2\/silences: connection refused/);
  const broken = await startHttpServer((_req, res) => { res.writeHead(500, { 'content-type': 'text/plain' }).end('storage failure\n'); });
  const hang = await startSilentServer();
  const partial = await startHttpServer((req, res) => { res.writeHead(404).end('404 page not found'); });
  try {
    await assert.rejects(new AlertmanagerClient('staging', { url: broken.url }).create({ matchers: alertMatchers('X'), startsAt: '', endsAt: '', createdBy: 'a', comment: 'c' }), /HTTP 500: storage failure/);
    const t0 = Date.now();
    await assert.rejects(new AlertmanagerClient('staging', { url: hang.url }, { ...(await import('../../../server/src/prometheus/types')).defaultClientOptions, requestTimeoutMs: 800 }).silences(), /no answer (within|in time)/);
    assert.ok(Date.now() - t0 < 3000, 'within the timeout');
    await assert.rejects(new PrometheusClient({ name: 'old', prometheus: { url: partial.url } }).alertingRules(), /has no \/api\/v1\/rules \(HTTP 404\): an old or partial Prometheus-compatible server/);
    await assert.rejects(new PrometheusClient({ name: 'old', prometheus: { url: partial.url } }).alerts(), /has no \/api\/v1\/alerts/);
  } finally { await broken.stop(); await hang.stop(); await partial.stop(); }
});

// The demo's environments all work: each is backed by the demo's Prometheus (a real one here), and
// the demo works on a copy, so edits made in it leave the tracked samples alone.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { demoEnvironments, prepareDemoWorkspace, ENVIRONMENTS } from '../../support/demoWorkspace';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { prometheusAvailable, startPrometheus } from '../../support/prometheus';

const samples = join(__dirname, '../../../runbooks');
const tracked = readFileSync(join(samples, ENVIRONMENTS), 'utf8');

test('every environment of the samples points at the demo Prometheus; headers and auth are kept', () => {
  const parsed = parseEnvironments(demoEnvironments(tracked, 'http://127.0.0.1:4242'));
  assert.deepEqual(parsed.diagnostics, []);
  assert.ok(parsed.environments.length >= 2);
  for (const e of parsed.environments) {
    assert.equal(e.prometheus?.url, e.protected ? 'http://localhost:4242' : 'http://127.0.0.1:4242', e.name);
  }
  const original = parseEnvironments(tracked).environments.find(e => e.protected)!;
  const demo = parsed.environments.find(e => e.name === original.name)!;
  assert.deepEqual(demo.prometheus?.headers, original.prometheus?.headers);
  assert.deepEqual(demo.prometheus?.auth, original.prometheus?.auth);
});

test('without Prometheus the environments have none (hovers say so instead of timing out)', () => {
  for (const e of parseEnvironments(demoEnvironments(tracked, undefined)).environments) assert.equal(e.prometheus, undefined, e.name);
});

test('the demo edits a copy: saving a runbook there leaves runbooks/ unchanged', () => {
  const before = readFileSync(join(samples, 'treasury-disbursement-backlog.md'), 'utf8');
  const ws = prepareDemoWorkspace(samples, 'http://127.0.0.1:4242');
  try {
    assert.notEqual(ws, samples);
    writeFileSync(join(ws, 'treasury-disbursement-backlog.md'), 'edited during the demo');
    assert.equal(readFileSync(join(samples, 'treasury-disbursement-backlog.md'), 'utf8'), before);
    assert.equal(readFileSync(join(samples, ENVIRONMENTS), 'utf8'), tracked);
    assert.match(readFileSync(join(ws, ENVIRONMENTS), 'utf8'), /127\.0\.0\.1:4242/);
  } finally {
    rmSync(dirname(ws), { recursive: true, force: true });
  }
});

const skip = prometheusAvailable() ? false : 'prometheus is not installed (apt-get install prometheus)';
test('each demo environment reaches a Prometheus that answers, and steps are given its URL', { skip }, async () => {
  const prom = await startPrometheus({ backfill: false });
  try {
    for (const def of parseEnvironments(demoEnvironments(tracked, prom.url)).environments) {
      const resolved = await resolveEnvironment(def, { workspaceFolder: samples, baseEnv: {}, secrets: { get: async () => 'demo-token-value' } });
      const res = await fetch(`${resolved.prometheus!.url}/api/v1/query?query=up`, { headers: resolved.prometheus!.headers });
      assert.equal(res.status, 200, `${def.name}: ${resolved.prometheus!.url}`);
      assert.equal(resolved.processEnv.RUNBOOK_PROMETHEUS_URL, resolved.prometheus!.url, def.name);
    }
  } finally {
    await prom.stop();
  }
});

test('environments naming an Alertmanager get the demo\'s (protected ones as localhost), or none without one', () => {
  const withAm = parseEnvironments(demoEnvironments(tracked, 'http://127.0.0.1:4242', 'http://127.0.0.1:4343')).environments;
  const named = parseEnvironments(tracked).environments.filter(e => e.alertmanager).map(e => e.name);
  assert.ok(named.length >= 2, 'the samples name an Alertmanager');
  for (const e of withAm.filter(x => named.includes(x.name))) assert.equal(e.alertmanager?.url, e.protected ? 'http://localhost:4343' : 'http://127.0.0.1:4343', e.name);
  for (const e of parseEnvironments(demoEnvironments(tracked, 'http://127.0.0.1:4242')).environments) assert.equal(e.alertmanager, undefined, e.name);
});

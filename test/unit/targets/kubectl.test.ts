// kubectl targets through a test double of the `kubectl exec -i` contract (test/support/
// kubectlDouble.ts): no cluster runs here, so the pod's bash is a local one behind the double.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { RunEngine } from '../../../server/src/run/engine';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { kubectlDouble } from '../../support/kubectlDouble';
import { scratchDir } from '../run/helpers';

async function setup(target: string, extra = '') {
  const double = kubectlDouble();
  const parsed = parseEnvironments(`environments:\n  pod:\n    secrets: [DB_PASSWORD]\n    target: { kubectl: { ${target} } }\n${extra}`);
  assert.deepEqual(parsed.diagnostics, []);
  const env = await resolveEnvironment(parsed.environments[0], {
    workspaceFolder: scratchDir(), baseEnv: { ...process.env, PATH: `${double.dir}:${process.env.PATH}` },
    secrets: { get: async () => 'pg-secret-value-123' },
  });
  const engine = new RunEngine();
  const notices: string[] = [];
  engine.on('notice', (n) => notices.push(n.message));
  let n = 0;
  const step = (command: string, signal?: AbortSignal) => engine.runStep({ runbook: 'k.md', block: { index: n, step: ++n, lang: 'shell', sectionPath: [] }, command, env, signal });
  return { double, engine, step, notices };
}

test('steps run through kubectl exec --stdin in the named pod and container; state carries over; secrets stay off argv', async () => {
  const { double, engine, step } = await setup('context: prod, namespace: payments, pod: api-0, container: app');
  try {
    assert.equal((await step('export A=1; f() { echo "f:$A:${#DB_PASSWORD}"; }')).status, 'ok');
    const r = await step('f; echo "$DB_PASSWORD"');
    assert.equal(r.output, 'f:1:19\n***\n');
    assert.equal((await step('(exit 7)')).exitCode, 7);
    const calls = double.calls();
    assert.deepEqual(calls[0], ['--context', 'prod', '--namespace', 'payments', 'exec', '--stdin', 'api-0', '--container', 'app', '--', 'bash', '--noprofile', '--norc']);
    assert.equal(calls.length, 1, 'one kubectl exec for the whole session');
    assert.ok(!calls.flat().some((a) => a.includes('pg-secret-value-123')));
  } finally { await engine.dispose(); }
});

test('a selector runs in its first running pod; none matching is a clear failure', async () => {
  const a = await setup('namespace: payments, selector: app=api');
  try {
    assert.equal((await a.step('echo hi')).output, 'hi\n');
    assert.deepEqual(a.double.calls()[0], ['--namespace', 'payments', 'get', 'pods', '--selector', 'app=api', '--field-selector', 'status.phase=Running', '--output', 'name']);
    assert.equal(a.double.calls()[1][4], 'api-0');
  } finally { await a.engine.dispose(); }
  const b = await setup('namespace: payments, selector: app=nothing');
  try {
    const r = await b.step('echo hi');
    assert.equal(r.status, 'failed');
    assert.match(r.output, /No running pod matches app=nothing in namespace payments/);
  } finally { await b.engine.dispose(); }
});

test('cancel ends the step\'s processes in the pod through a second kubectl exec', async () => {
  const { double, engine, step } = await setup('namespace: payments, pod: api-0');
  try {
    await step('export PROBE=kubectl-cancel-probe');
    const ac = new AbortController();
    const p = step('sleep 300 & setsid sleep 301 & sleep 302', ac.signal);
    const probes = () => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => { try { return readFileSync(`/proc/${d}/environ`, 'utf8').includes('PROBE=kubectl-cancel-probe'); } catch { return false; } });
    for (let t0 = Date.now(); probes().length < 3 && Date.now() - t0 < 20_000;) await new Promise((r) => setTimeout(r, 50));
    ac.abort();
    const r = await p;
    assert.equal(r.status, 'cancelled');
    assert.deepEqual(probes(), []);
    assert.ok(double.calls().some((c) => c.includes('-s')), 'the control channel was used');
  } finally { await engine.dispose(); }
});

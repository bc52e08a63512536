// What a run knows about a step before it starts: a date placeholder means today, and a command
// that never ends by itself is said to be one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { todayFor } from '../../../server/src/run/datePlaceholder';
import { longRunningReason } from '../../../server/src/run/longRunning';
import { RunEngine } from '../../../server/src/run/engine';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { scratchDir } from './helpers';

test("date placeholders are offered today's date in their own format", () => {
  const now = new Date('2026-12-03T02:59:00Z');
  assert.equal(todayFor('YYYYMMDD', now), '20261203');
  assert.equal(todayFor('YYYY-MM-DD', now), '2026-12-03');
  assert.equal(todayFor('DD/MM/YYYY', now), '03/12/2026');
  assert.equal(todayFor('pod', now), undefined);
  assert.equal(todayFor('YYYY', now), undefined, 'a year alone is no date');
});

test('watch, tail -f, kubectl -w/-f and journalctl -f are long-running; their one-shot forms are not', () => {
  for (const c of ['watch -n 5 kubectl get pods', 'sudo watch df -h', 'tail -f /var/log/app.log', 'tail -n 50 -F app.log',
    'kubectl -n prod get pods -w', 'kubectl logs deploy/api --follow', 'journalctl -u app -f', 'echo go; watch date']) {
    assert.ok(longRunningReason(c), c);
  }
  for (const c of ['tail -n 20 app.log', 'kubectl get pods -o wide', 'kubectl logs deploy/api --since=10m', 'echo watch out', '# watch -n1 date', 'stopwatch start']) {
    assert.equal(longRunningReason(c), undefined, c);
  }
});

test('a long-running step starts with a notice that says how to stop it', async () => {
  const ws = scratchDir('runbook-ws-');
  const env = await resolveEnvironment({ name: 'staging', variables: {}, shell: 'bash', protected: false, secrets: [] }, {
    workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: { get: async () => undefined },
  });
  const engine = new RunEngine();
  const notices: string[] = [];
  engine.on('notice', (n) => notices.push(n.message));
  try {
    const r = await engine.runStep({ runbook: 'rb.md', block: { index: 0, lang: 'shell', sectionPath: [] }, command: 'tail -f /dev/null', env, timeoutMs: 300 });
    assert.equal(r.status, 'timeout');
    assert.match(notices.join('\n'), /`tail -f` follows the file until it is stopped: cancel the step/);
  } finally { await engine.dispose(); }
});

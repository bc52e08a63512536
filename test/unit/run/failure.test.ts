// A step is a sequence of commands: one that fails before the last is reported, in real bash,
// without changing what the step's commands see; strict mode stops the step there.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSession } from './helpers';
import { RunEngine } from '../../../server/src/run/engine';
import { RunRecorder } from '../../../server/src/run/records';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { scratchDir } from './helpers';

test('`false; echo ok` and `nosuchcmd | cat` fail at their line even though the block ends with 0', async () => {
  const { s } = newSession();
  try {
    const a = await s.run('echo start\nfalse; echo ok');
    assert.equal(a.status, 'failed');
    assert.equal(a.exitCode, 0, 'the block itself still ends as bash says');
    assert.deepEqual(a.failure, { line: 2, exitCode: 1, text: 'false; echo ok' });
    assert.equal(a.output, 'start\nok\n', 'report-only: every command ran');

    const b = await s.run('nosuchcmd | cat\necho after', { name: 'step-4' });
    assert.equal(b.status, 'failed');
    assert.deepEqual(b.failure, { line: 1, exitCode: 127, text: 'nosuchcmd | cat' });
    assert.match(b.output, /^step-4\.sh: line 1: nosuchcmd: command not found\nafter\n$/, 'bash names the step, not block-N');

    const last = await s.run('echo end; false | true');
    assert.deepEqual(last.failure, { line: 1, exitCode: 1, text: 'echo end; false | true' }, 'the last pipeline counts too');
  } finally { await s.dispose(); }
});

test('conditions, || fallbacks, SIGPIPE and failures inside functions are not step failures', async () => {
  const { s } = newSession();
  try {
    const r = await s.run([
      '[ -f /nonexistent ] && echo no',
      'false || true',
      'if false; then :; fi',
      'quiet() { false; nosuch-in-fn 2>/dev/null | cat; return 0; }',
      'quiet',
      'yes | head -1',
      'grep -q x /nonexistent 2>/dev/null || echo "fallback"',
    ].join('\n'));
    assert.equal(r.status, 'ok', JSON.stringify(r));
    assert.equal(r.failure, undefined);
    assert.equal(r.output, 'y\nfallback\n');
  } finally { await s.dispose(); }
});

test("the report does not change what the step's commands see: $?, PIPESTATUS, $_ and set -o", async () => {
  const { s } = newSession();
  try {
    const r = await s.run([
      'false | true; echo "status=$? pipe=${PIPESTATUS[*]}"',
      'echo last-arg; echo "underscore=$_"',
      'set -o | grep -E "^(pipefail|errexit|errtrace|functrace) " | tr -s " \\t" " "',
    ].join('\n'));
    assert.match(r.output, /^status=0 pipe=1 0\nlast-arg\nunderscore=last-arg\n/);
    assert.match(r.output, /errexit off\nerrtrace off\nfunctrace off\npipefail off\n$/);
    const next = await s.run('echo fine');
    assert.equal(next.status, 'ok', 'the next step starts clean');
    assert.equal(next.failure, undefined);
  } finally { await s.dispose(); }
});

test("a step's own `set -x` traces its commands only, across failures and steps", async () => {
  const { s } = newSession();
  try {
    const a = await s.run('set -x\nfalse\necho "after=$_"');
    assert.equal(a.output, '++ false\n++ echo after=false\nafter=false\n', 'no trap internals, xtrace still on after the failure, $_ kept');
    assert.equal(a.failure?.line, 2);
    const b = await s.run('echo next');
    assert.equal(b.output, '++ echo next\nnext\n', 'the session does not trace its own commands or the step token');
    assert.equal(b.status, 'ok');
    await s.run('set +x');
  } finally { await s.dispose(); }
});

test('strict mode stops the step at the first failing command, pipelines included', async () => {
  const { s } = newSession();
  try {
    const a = await s.run('echo one\nnosuch\necho never', { onFailure: 'strict' });
    assert.equal(a.status, 'failed');
    assert.equal(a.exitCode, 127);
    assert.deepEqual(a.failure, { line: 2, exitCode: 127, text: 'nosuch' });
    assert.ok(!a.output.includes('never'));
    const b = await s.run('echo one\nnosuch | cat\necho never', { onFailure: 'strict' });
    assert.equal(b.exitCode, 127);
    assert.ok(!b.output.includes('never'));
    const after = await s.run('echo alive');
    assert.equal(after.output, 'alive\n', 'the session goes on after a strict stop');
  } finally { await s.dispose(); }
});

test('cancel and timeout are recorded as such, with a non-zero exit code', async () => {
  const ws = scratchDir('runbook-ws-');
  const env = await resolveEnvironment({ name: 'staging', variables: {}, shell: 'bash', protected: false, secrets: [] }, {
    workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: { get: async () => undefined },
  });
  const dir = join(ws, '.runbook/runs');
  const engine = new RunEngine({ recorder: new RunRecorder(dir) });
  try {
    const block = { index: 4, step: 3, lang: 'shell', sectionPath: ['S'] };
    const ac = new AbortController();
    const running = engine.runStep({ runbook: 'rb.md', block, command: 'echo started; sleep 30', env, signal: ac.signal });
    setTimeout(() => ac.abort(), 300);
    const c = await running;
    assert.equal(c.status, 'cancelled');
    assert.notEqual(c.exitCode, 0);
    const t = await engine.runStep({ runbook: 'rb.md', block, command: 'sleep 30', env, timeoutMs: 300 });
    assert.equal(t.status, 'timeout');
    assert.notEqual(t.exitCode, 0);
    const recs = readFileSync(c.record?.ok ? c.record.file : '', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(recs.map((r) => [r.status, r.exitCode !== 0, r.step]), [['cancelled', true, 3], ['timeout', true, 3]]);
  } finally { await engine.dispose(); }
});

test('the record says which line failed, the step number, and who ran it', async () => {
  const ws = scratchDir('runbook-ws-');
  const env = await resolveEnvironment({ name: 'staging', variables: {}, shell: 'bash', protected: false, secrets: [] }, {
    workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: { get: async () => undefined },
  });
  const engine = new RunEngine({ recorder: new RunRecorder(join(ws, 'runs')) });
  try {
    const r = await engine.runStep({ runbook: 'rb.md', block: { index: 5, step: 4, lang: 'shell', sectionPath: [] }, command: 'nosuchcmd | cat\necho done', env });
    const rec = JSON.parse(readFileSync(r.record?.ok ? r.record.file : '', 'utf8').trim());
    assert.equal(rec.status, 'failed');
    assert.equal(rec.step, 4);
    assert.equal(rec.block, 5);
    assert.deepEqual(rec.failure, { line: 1, exitCode: 127, text: 'nosuchcmd | cat' });
    assert.equal(typeof rec.ranBy?.user, 'string');
    assert.ok(rec.ranBy.user.length > 0);
  } finally { await engine.dispose(); }
});

test('output without a final newline is ended before the status line, and durations are measured', async () => {
  const ws = scratchDir('runbook-ws-');
  const env = await resolveEnvironment({ name: 'staging', variables: {}, shell: 'bash', protected: false, secrets: [] }, {
    workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: { get: async () => undefined },
  });
  const engine = new RunEngine();
  const stream: string[] = [];
  engine.on('output', (o) => stream.push(o.text));
  try {
    const block = { index: 0, lang: 'shell', sectionPath: [] };
    const r = await engine.runStep({ runbook: 'rb.md', block, command: `printf '{"status":"success"}'`, env });
    assert.equal(r.output, '{"status":"success"}', 'the recorded output is what the step printed');
    assert.equal(stream.join(''), '{"status":"success"}\n', 'the shown output ends its line');
    const slow = await engine.runStep({ runbook: 'rb.md', block, command: 'sleep 0.3', env });
    assert.ok(slow.durationMs >= 250, `measured ${slow.durationMs} ms`);
  } finally { await engine.dispose(); }
});

test('a secret used by the shell and sent to Prometheus (PROM_TOKEN) is asked once, bound to the host', async () => {
  const asked: string[] = [];
  const env = await resolveEnvironment({
    name: 'production', variables: {}, shell: 'bash', protected: true, secrets: ['PROM_TOKEN'],
    prometheus: { url: 'https://prom.example.com/', auth: { bearer: 'PROM_TOKEN' } },
  } as never, {
    workspaceFolder: '/tmp', baseEnv: { PATH: process.env.PATH },
    secrets: { get: async (name, _env, destination) => { asked.push(`${name}@${destination ?? 'shell'}`); return 'tok-Once-123456'; } },
  });
  assert.deepEqual(asked, ['PROM_TOKEN@https://prom.example.com']);
  assert.equal(env.processEnv.PROM_TOKEN, 'tok-Once-123456');
  assert.equal(env.prometheus?.headers.Authorization, 'Bearer tok-Once-123456');
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunEngine, type StepRequest } from '../../../server/src/run/engine';
import { RunRecorder } from '../../../server/src/run/records';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import type { EnvironmentDef } from '../../../server/src/environments/types';
import { scratchDir } from './helpers';

const SECRET = 'prod-Token-9f8e7d6c5b4a';

async function setup(recordsDir?: string, captureLimit?: number) {
  const ws = scratchDir('runbook-ws-');
  const def: EnvironmentDef = { name: 'staging', variables: { NS: 'payments' }, shell: 'bash', protected: false, secrets: ['API_TOKEN'] };
  const env = await resolveEnvironment(def, {
    workspaceFolder: ws,
    baseEnv: { PATH: process.env.PATH, HOME: ws },
    secrets: { get: async (name) => (name === 'API_TOKEN' ? SECRET : undefined) },
  });
  const dir = recordsDir ?? join(ws, '.runbook/runs');
  const engine = new RunEngine({ recorder: new RunRecorder(dir, 2000), captureLimit });
  const notices: string[] = [];
  const stream: string[] = [];
  engine.on('notice', (n) => notices.push(n.message));
  engine.on('output', (o) => stream.push(o.text));
  const step = (index: number, command: string, extra: Partial<StepRequest> = {}) =>
    engine.runStep({ runbook: join(ws, 'rb.md'), block: { index, lang: 'shell', sectionPath: ['Diagnose'] }, command, env, ...extra });
  return { ws, dir, engine, notices, stream, step };
}

test('`exit 3` gives exit 3, and the next run starts a fresh session with a notice', async () => {
  const { engine, notices, step } = await setup();
  try {
    await step(0, 'export MARK=set');
    const r = await step(1, 'echo "mark=$MARK"; exit 3');
    assert.equal(r.exitCode, 3);
    assert.equal(r.status, 'session-exit');
    const next = await step(2, 'echo "mark=${MARK:-unset} ns=$NS"');
    assert.equal(next.output, 'mark=unset ns=payments\n');
    assert.ok(notices.some((n) => /Started a new shell session on "staging"/.test(n)), notices.join('\n'));
  } finally { await engine.dispose(); }
});

test('each run appends a 0600 JSON record with secrets masked and output truncated', async () => {
  const { dir, engine, stream, step } = await setup();
  try {
    const r = await step(3, `echo "token is $API_TOKEN"; echo ${SECRET}; printf '\\033[31m'; seq 1 2000`, {
      expectedOutput: 'token is ***\n***\n1\n2\n',
    });
    assert.equal(r.status, 'ok');
    assert.equal(r.record?.ok, true);
    const file = r.record?.ok ? r.record.file : '';
    assert.match(file, /\.runbook\/runs\/\d{4}-\d{2}-\d{2}\.jsonl$/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(SECRET), 'the secret is not in the record');
    assert.ok(!stream.join('').includes(SECRET), 'the secret is not in the stream');
    assert.equal(text.trim().split('\n').length, 1);
    const rec = JSON.parse(text);
    assert.equal(rec.environment, 'staging');
    assert.equal(rec.block, 3);
    assert.deepEqual(rec.section, ['Diagnose']);
    assert.equal(rec.exitCode, 0);
    assert.equal(rec.command, `echo "token is $API_TOKEN"; echo ***; printf '\\033[31m'; seq 1 2000`);
    assert.ok(!rec.output.includes('\x1b'), 'colour escapes are stripped from records');
    assert.equal(rec.outputTruncated, true);
    assert.ok(rec.output.length < 2100);
    assert.match(rec.output, /^token is \*\*\*\n\*\*\*\n1\n/);
    assert.match(rec.output, /characters truncated/);
    assert.equal(rec.expected.matched, true);
    assert.equal(typeof rec.durationMs, 'number');
    assert.ok(!Number.isNaN(Date.parse(rec.time)));
    assert.equal(statSync(dir).isDirectory(), true);
    await step(4, 'true');
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2);
  } finally { await engine.dispose(); }
});

test('an unwritable records folder gives a clear message and the run result is still returned', async () => {
  const ws = scratchDir('runbook-ro-');
  // A folder under a regular file can never be created, whoever runs the test (root included).
  writeFileSync(join(ws, 'blocker'), '');
  const { engine, step } = await setup(join(ws, 'blocker', 'runs'));
  try {
    const r = await step(0, 'echo hi');
    assert.equal(r.status, 'ok');
    assert.equal(r.output, 'hi\n');
    assert.equal(r.record?.ok, false);
    assert.match(r.record && !r.record.ok ? r.record.error : '', /^The run record was not saved in .*blocker\/runs: a path component is not a folder/);
  } finally { await engine.dispose(); }
});

test('an unwritable records folder (permissions) is reported', { skip: process.getuid?.() === 0 ? 'root ignores permissions' : false }, async () => {
  const { chmodSync, mkdirSync } = await import('node:fs');
  const ws = scratchDir('runbook-ro-');
  mkdirSync(join(ws, 'runs'));
  chmodSync(join(ws, 'runs'), 0o500);
  const { engine, step } = await setup(join(ws, 'runs'));
  try {
    const r = await step(0, 'echo hi');
    assert.equal(r.status, 'ok');
    assert.match(r.record && !r.record.ok ? r.record.error : '', /permission denied/);
  } finally { await engine.dispose(); }
});

test('cancel through the engine stops the step', async () => {
  const { engine, step, ws } = await setup();
  try {
    const started = new Promise<void>((res) => engine.on('output', (o) => { if (o.text.includes('go')) res(); }));
    const running = step(0, 'echo go; sleep 1000');
    await started;
    engine.cancel(join(ws, 'rb.md'), 'staging');
    const r = await running;
    assert.equal(r.status, 'cancelled');
  } finally { await engine.dispose(); }
});

test('a second step on a busy session is refused unrecorded, and the first can still be cancelled', { timeout: 30_000 }, async () => {
  const { dir, engine, step, ws } = await setup();
  try {
    const started = new Promise<void>((res) => engine.on('output', (o) => { if (o.text.includes('go')) res(); }));
    const running = step(0, 'echo go; sleep 1000');
    await started;
    const second = await step(1, 'echo second');
    assert.equal(second.status, 'failed');
    assert.match(second.output, /already running on "staging"/);
    assert.equal(second.record, undefined, 'no record for a step that never ran');
    assert.equal(engine.isRunning(join(ws, 'rb.md'), 'staging'), true);
    engine.cancel(join(ws, 'rb.md'), 'staging');
    assert.equal((await running).status, 'cancelled');
    const recs = readFileSync(join(dir, readdirSync(dir)[0]), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(recs.map((r) => r.block), [0]);
  } finally { await engine.dispose(); }
});

test('a PromQL step on an environment without Prometheus says so and queries nothing', async () => {
  const { engine, ws, stream } = await setup();
  const asked: string[] = [];
  const env = await resolveEnvironment({ name: 'staging', variables: {}, shell: 'bash', protected: false, secrets: [] },
    { workspaceFolder: ws, baseEnv: { PROMETHEUS_URL: 'http://127.0.0.1:9090' }, secrets: { get: async () => undefined } });
  const queried = new RunEngine({ instantQuery: async (e) => { asked.push(e.name); throw new Error('queried'); } });
  queried.on('output', (o) => stream.push(o.text));
  try {
    const r = await queried.runStep({ runbook: join(ws, 'rb.md'), block: { index: 0, lang: 'promql', sectionPath: [] }, command: 'up', env });
    assert.equal(r.status, 'failed');
    assert.match(r.output, /No Prometheus configured for "staging"/);
    assert.match(stream.join(''), /No Prometheus configured for "staging"/, 'the user sees why');
    assert.deepEqual(asked, []);
  } finally { await queried.dispose(); await engine.dispose(); }
});

test('a step\'s own secret values are masked in its stream and record, and its block file is gone after it', async () => {
  const { engine, step, stream } = await setup();
  const value = 'placeholder-S3cret-42';
  try {
    const r = await step(0, `echo "v=${value}"; dirname "\${BASH_SOURCE[0]}"`, { secretValues: [value] });
    assert.equal(r.status, 'ok', r.output);
    const [shown, blockDir] = r.output.trim().split('\n');
    assert.equal(shown, 'v=***');
    assert.ok(!stream.join('').includes(value), 'not in the stream');
    const rec = readFileSync(r.record?.ok ? r.record.file : '', 'utf8');
    assert.ok(!rec.includes(value), 'not in the record');
    assert.match(JSON.parse(rec.trim().split('\n').pop()!).command, /echo "v=\*\*\*"/);
    assert.deepEqual(readdirSync(blockDir), [], 'the block file was removed');
  } finally { await engine.dispose(); }
});

test('reset starts a fresh session; CRLF runbooks run as written', async () => {
  const { engine, step, ws } = await setup();
  try {
    await step(0, 'export A=1\r\necho "a=$A"\r\n');
    assert.equal((await step(1, 'echo "a=${A:-unset}"')).output, 'a=1\n');
    assert.equal(engine.isRunning(join(ws, 'rb.md'), 'staging'), false);
    await engine.resetSession(join(ws, 'rb.md'), 'staging');
    assert.equal((await step(2, 'echo "a=${A:-unset}"')).output, 'a=unset\n');
  } finally { await engine.dispose(); }
});

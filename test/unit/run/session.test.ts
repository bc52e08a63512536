import test from 'node:test';
import assert from 'node:assert/strict';
import { isLive, newSession, sessionMembers, waitForOutput } from './helpers';

test('exports and functions carry across blocks', async () => {
  const { s } = newSession();
  try {
    assert.equal((await s.run('export NS=payments\ngreet() { echo "hello $1 in $NS"; }\nLOCAL_ONLY=7')).status, 'ok');
    const r = await s.run('greet world; echo "local=$LOCAL_ONLY"');
    assert.equal(r.status, 'ok');
    assert.equal(r.output, 'hello world in payments\nlocal=7\n');
  } finally { await s.dispose(); }
});

test('a failing block reports its exit code and keeps the session', async () => {
  const { s } = newSession();
  try {
    const r = await s.run('export K=1; false');
    assert.equal(r.status, 'failed');
    assert.equal(r.exitCode, 1);
    assert.equal((await s.run('echo $K')).output, '1\n');
  } finally { await s.dispose(); }
});

test("a block's stdin is at EOF at once", async () => {
  const { s } = newSession();
  try {
    const r = await s.run('cat; read -r line; echo "read=$?"');
    assert.equal(r.output, 'read=1\n');
  } finally { await s.dispose(); }
});

test('stderr is part of the output', async () => {
  const { s } = newSession();
  try {
    assert.equal((await s.run('echo out; echo err >&2')).output, 'out\nerr\n');
  } finally { await s.dispose(); }
});

test('cancel kills the block, its background job and their children; the session survives', async () => {
  const { s, stream } = newSession();
  try {
    await s.run('export KEEP=yes');
    const running = s.run([
      'sleep 1000 &',
      'echo "bg=$!"',
      "bash -c 'sleep 1000 & echo \"grandchild=$!\"; wait' &",
      'sleep 1000',
      'echo never-printed',
    ].join('\n'));
    const text = await waitForOutput(s, stream, (t) => /bg=\d+/.test(t) && /grandchild=\d+/.test(t));
    const pids = [...text.matchAll(/=(\d+)/g)].map((m) => Number(m[1]));
    assert.ok(pids.every(isLive), 'the processes were running before cancel');
    const bashPid = s.pid!;
    assert.ok(sessionMembers(bashPid).length >= 4, 'the block started processes in the session');
    s.cancel();
    const r = await running;
    assert.equal(r.status, 'cancelled');
    assert.ok(!r.output.includes('never-printed'));
    for (const pid of pids) assert.ok(!isLive(pid), `pid ${pid} is gone`);
    assert.deepEqual(sessionMembers(bashPid).filter(isLive), [bashPid], 'only the session shell is left');
    const after = await s.run('echo "keep=$KEEP"');
    assert.equal(after.output, 'keep=yes\n');
  } finally { await s.dispose(); }
});

test('cancel skips the rest of a function the block is inside', async () => {
  const { s, stream } = newSession();
  try {
    const running = s.run('f() { echo in-f; sleep 1000; echo rest-of-f; }\nf\necho after-f');
    await waitForOutput(s, stream, (t) => t.includes('in-f'));
    s.cancel();
    const r = await running;
    assert.equal(r.status, 'cancelled');
    assert.ok(!/rest-of-f|after-f/.test(r.output), r.output);
  } finally { await s.dispose(); }
});

test('a child that ignores SIGTERM is killed with SIGKILL', async () => {
  const { s, stream } = newSession();
  try {
    const running = s.run(`bash -c 'trap "" TERM; echo "stubborn=$$"; sleep 1000'`);
    const text = await waitForOutput(s, stream, (t) => /stubborn=\d+/.test(t));
    const pid = Number(/stubborn=(\d+)/.exec(text)![1]);
    s.cancel();
    const r = await running;
    assert.equal(r.status, 'cancelled');
    assert.ok(!isLive(pid));
    assert.deepEqual(sessionMembers(s.pid!).filter(isLive), [s.pid]);
  } finally { await s.dispose(); }
});

test('a block over its timeout is stopped and reported as a timeout', async () => {
  const { s } = newSession();
  try {
    const r = await s.run('sleep 1000', { timeoutMs: 300 });
    assert.equal(r.status, 'timeout');
    assert.ok(s.alive);
  } finally { await s.dispose(); }
});

test('an abort signal cancels the block', async () => {
  const { s, stream } = newSession();
  try {
    const ac = new AbortController();
    const running = s.run('echo started; sleep 1000', { signal: ac.signal });
    await waitForOutput(s, stream, (t) => t.includes('started'));
    ac.abort();
    assert.equal((await running).status, 'cancelled');
  } finally { await s.dispose(); }
});

test('`exit 3` ends the session cleanly with exit code 3', async () => {
  const { s } = newSession();
  const r = await s.run('echo bye; exit 3');
  assert.equal(r.status, 'session-exit');
  assert.equal(r.exitCode, 3);
  assert.equal(r.output, 'bye\n');
  assert.match(r.sessionEnded ?? '', /exit 3.*new session/);
  assert.equal(s.alive, false);
  await assert.rejects(s.run('true'), /ended/);
});

test('a shell that dies mid-block is reported clearly', async () => {
  const { s } = newSession();
  const r = await s.run('echo before; kill -KILL $$');
  assert.equal(r.status, 'session-died');
  assert.equal(r.exitCode, 137);
  assert.match(r.sessionEnded ?? '', /died \(SIGKILL\)/);
});

test('dispose ends the session and its background jobs', async () => {
  const { s, stream } = newSession();
  await s.run('sleep 1000 & echo "bg=$!"');
  const pid = Number(/bg=(\d+)/.exec(stream())![1]);
  assert.ok(isLive(pid));
  const shell = s.pid!;
  await s.dispose();
  assert.ok(!isLive(pid));
  assert.ok(!isLive(shell));
});

// Processes that leave the session's process group: each used to survive cancel.
const escapes: { name: string; block: string }[] = [
  { name: '`timeout` (its own process group, in the foreground)', block: "bash -c 'echo \"pid=$$\"; exec timeout 600 sleep 1000'" },
  { name: 'setsid (a new session)', block: "setsid bash -c 'echo \"pid=$$\"; exec sleep 1000' &\nsleep 1000" },
  { name: '`set -m` jobs (their own process groups)', block: "set -m\nbash -c 'echo \"pid=$$\"; exec sleep 1000' &\nsleep 1000" },
  { name: 'a double-forked orphan in a new session', block: "( setsid bash -c 'echo \"pid=$$\"; exec sleep 1000' & )\nsleep 1000" },
];
for (const e of escapes) {
  test(`cancel ends ${e.name}, and returns at once`, { timeout: 15_000 }, async () => {
    const { s, stream } = newSession();
    try {
      const running = s.run(e.block);
      const text = await waitForOutput(s, stream, (t) => /pid=\d+/.test(t));
      const pid = Number(/pid=(\d+)/.exec(text)![1]);
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      s.cancel();
      const r = await running;
      assert.equal(r.status, 'cancelled');
      assert.ok(Date.now() - t0 < 5000, `cancel took ${Date.now() - t0} ms`);
      assert.ok(!isLive(pid), `pid ${pid} survived the cancel`);
    } finally { await s.dispose(); }
  });
}

test('cancel ends a TERM-ignoring loop that keeps spawning, every time', { timeout: 60_000 }, async () => {
  for (let round = 0; round < 4; round++) {
    const { s, stream } = newSession();
    try {
      const running = s.run(`bash -c 'trap "" TERM; echo "loop=$$"; while :; do setsid sleep 1000 & sleep 0.01; done'`);
      const text = await waitForOutput(s, stream, (t) => /loop=\d+/.test(t));
      await new Promise((r) => setTimeout(r, 200));
      s.cancel();
      assert.equal((await running).status, 'cancelled');
      assert.ok(!isLive(Number(/loop=(\d+)/.exec(text)![1])), `round ${round}: the loop survived`);
      assert.deepEqual(sessionMembers(s.pid!).filter((p) => p !== s.pid), [], `round ${round}: its children survived`);
    } finally { await s.dispose(); }
  }
});

test('dispose ends processes that left the session', { timeout: 15_000 }, async () => {
  const { s, stream } = newSession();
  await s.run("( setsid bash -c 'echo \"pid=$$\"; exec sleep 1000' & )");
  const pid = Number(/pid=(\d+)/.exec(await waitForOutput(s, stream, (t) => /pid=\d+/.test(t)))![1]);
  assert.ok(isLive(pid));
  await s.dispose();
  assert.ok(!isLive(pid));
});

// Remote sessions against a real OpenSSH server (test/support/sshd.ts) on a loopback port.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ShellSession } from '../../../server/src/run/session';
import { sshRemote } from '../../../server/src/targets/sshRemote';
import { keptEnvironment } from '../../../server/src/environments/sessionVariables';
import { sshdUnavailable, startSshd, type RunningSshd } from '../../support/sshd';
import type { SshTarget } from '../../../server/src/targets/types';

const skip = sshdUnavailable();
let sshd: RunningSshd;
before(async () => { if (!skip) sshd = await startSshd(); });
after(async () => { await sshd?.stop(); });

const target = (): SshTarget => ({ kind: 'ssh', host: sshd.host, port: sshd.port, user: sshd.user, options: sshd.options });
const open = (exported: Record<string, string> = {}, secretValues: string[] = []) =>
  new ShellSession({ cwd: '/', env: {}, secretValues, remote: sshRemote(target(), exported, keptEnvironment(process.env)) });

/** Every process's command line on this machine (sshd runs here too: both sides of the connection). */
function allCommandLines(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try { out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')); } catch { /* gone */ }
  }
  return out;
}

/** Processes of the test user whose environment carries `marker`. */
function remoteProcessesWith(text: string): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try { if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(text)) out.push(Number(pid)); } catch { /* gone */ }
  }
  return out;
}

test('exports, functions and the directory persist across steps; exit codes are exact', { skip }, async () => {
  const s = open({ NS: 'payments' });
  try {
    const a = await s.run('export GREETING=hello; greet() { echo "$GREETING $1 in $NS as $(id -un)"; }; cd /tmp');
    assert.equal(a.status, 'ok', a.output);
    const b = await s.run('greet world; pwd');
    assert.equal(b.output, `hello world in payments as ${sshd.user}\n/tmp\n`);
    const c = await s.run('false\necho after');
    assert.equal(c.status, 'failed');
    assert.deepEqual(c.failure, { line: 1, exitCode: 1, text: 'false' });
    const d = await s.run('(exit 42)');
    assert.equal(d.exitCode, 42);
  } finally { await s.dispose(); }
});

test('secrets go over stdin: no command line on either side shows them, output masks them', { skip }, async () => {
  const secret = 'sk-remote-0123456789abcdef';
  const s = open({ API_TOKEN: secret }, [secret]);
  try {
    const r = await s.run('sleep 0.3 & echo "token=$API_TOKEN"; ps -eo args >/dev/null; wait');
    assert.equal(r.output, 'token=***\n');
    const during = s.run('sleep 1');
    await new Promise((res) => setTimeout(res, 300));
    assert.ok(!allCommandLines().some((l) => l.includes(secret)), 'a secret is on a command line');
    await during;
  } finally { await s.dispose(); }
});

test('cancel stops the remote step and everything it started, setsid included', { skip }, async () => {
  const s = open({ PROBE: 'cancel-probe-7f3a' });
  try {
    const ac = new AbortController();
    const p = s.run('sleep 300 &\nsetsid sleep 301 &\nsleep 302', { signal: ac.signal });
    // Waits for what it asserts: a connection on a loaded machine can take seconds.
    for (let t0 = Date.now(); remoteProcessesWith('PROBE=cancel-probe-7f3a').length < 3 && Date.now() - t0 < 20_000;) await new Promise((res) => setTimeout(res, 50));
    assert.ok(remoteProcessesWith('PROBE=cancel-probe-7f3a').length >= 3, 'the remote processes did not start');
    const t0 = Date.now();
    ac.abort();
    const r = await p;
    assert.equal(r.status, 'cancelled');
    assert.equal(r.exitCode, 130);
    assert.ok(Date.now() - t0 < 4000, `cancel took ${Date.now() - t0} ms`);
    // The session's shell itself carries no marker in its own environ; its children do.
    assert.deepEqual(remoteProcessesWith('PROBE=cancel-probe-7f3a'), []);
    const next = await s.run('echo still here');
    assert.equal(next.output, 'still here\n');
  } finally { await s.dispose(); }
});

test('a dropped connection is reported as such, never as the step\'s own result', { skip }, async () => {
  const s = open();
  try {
    await s.run('export X=1');
    let seen = '';
    s.on('output', (t: string) => { seen += t; });
    const p = s.run('echo started; sleep 30');
    for (let t0 = Date.now(); !seen.includes('started') && Date.now() - t0 < 20_000;) await new Promise((res) => setTimeout(res, 50));
    assert.ok(sshd.dropConnections() > 0);
    const r = await p;
    assert.equal(r.status, 'session-died');
    assert.equal(r.connectionLost, true);
    assert.match(r.sessionEnded ?? '', /Connection to runbook-ssh@127\.0\.0\.1:\d+ lost during the step; the step may have partly run/);
    assert.match(r.output, /started/);
    assert.equal(s.alive, false);
  } finally { await s.dispose(); }
});

test('an unknown host key fails the connection clearly and runs nothing', { skip }, async () => {
  const t = { ...target(), options: { ...sshd.options, UserKnownHostsFile: `${sshd.dir}/empty_known_hosts` } };
  const s = new ShellSession({ cwd: '/', env: {}, remote: sshRemote(t, {}, keptEnvironment(process.env)) });
  try {
    const r = await s.run('echo ran');
    assert.equal(r.status, 'session-died');
    assert.doesNotMatch(r.output, /^ran$/m);
    assert.match(r.sessionEnded ?? '', /Cannot connect to .*Host key verification failed.*Nothing ran/);
  } finally { await s.dispose(); }
});

test('a remote step\'s stderr is complete at its end and its first line is kept', { skip }, async () => {
  const s = open();
  try {
    const r = await s.run('echo out; echo "first problem" >&2; echo "second" >&2; exec 2>/dev/null; echo hidden >&2');
    assert.equal(r.firstStderrLine, 'first problem');
    assert.match(r.output, /out\n/);
    assert.match(r.output, /first problem\nsecond\n/);
    const q = await s.run('echo quiet');
    assert.equal(q.firstStderrLine, undefined);
    assert.equal(q.output, 'quiet\n');
  } finally { await s.dispose(); }
});

test('a long TMPDIR (an editor\'s own) does not break the control socket, whose path ssh limits', { skip }, async () => {
  const { mkdirSync } = await import('node:fs');
  const long = `/tmp/${'t'.repeat(90)}`;
  mkdirSync(long, { recursive: true });
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = long;
  try {
    const s = open();
    try { assert.equal((await s.run('echo ok')).output, 'ok\n'); } finally { await s.dispose(); }
  } finally { if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved; }
});

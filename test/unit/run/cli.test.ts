import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './helpers';

const root = join(__dirname, '../../..');
const runbook = join(root, 'test/fixtures/run/ws/checkout.md');

function cli(args: string[], env: Record<string, string> = {}, file = runbook, timeout = 60_000) {
  const records = scratchDir('runbook-cli-records-');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/main.ts'), 'run', file, '--records-dir', records, ...args], {
    cwd: root, encoding: 'utf8', input: '', timeout,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  const lines = () => readdirSync(records).flatMap((f) => readFileSync(join(records, f), 'utf8').trim().split('\n')).map((l) => JSON.parse(l));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, records, lines };
}

test('a protected environment is refused without --confirm, and nothing runs', () => {
  const r = cli(['--env', 'production', '--block', '1'], { DEPLOY_TOKEN: 'tok-123456', PROM_TOKEN: 'p-123456' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /'production' is a protected environment: add --confirm production/);
  assert.equal(r.stdout, '');
  assert.deepEqual(readdirSync(r.records), []);
});

test('a wrong --confirm is refused too', () => {
  const r = cli(['--env', 'production', '--block', '1', '--confirm', 'staging']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--confirm staging does not match/);
});

test('--confirm with the environment name runs, and the secret never shows', () => {
  const secret = 'deploy-S3cret-value';
  const r = cli(['--env', 'production', '--block', '1', '--confirm', 'production'], { DEPLOY_TOKEN: secret, PROM_TOKEN: 'p-123456' });
  assert.equal(r.code, 0, r.stderr);
  const recs = r.lines();
  assert.equal(recs.length, 1);
  assert.equal(recs[0].environment, 'production');
  assert.equal(recs[0].runbook, 'checkout.md', 'the runbook path is relative to the workspace');
  const file = join(r.records, readdirSync(r.records)[0]);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.ok(!readFileSync(file, 'utf8').includes(secret));
});

test('a missing secret is a clear error', () => {
  const r = cli(['--env', 'production', '--block', '1', '--confirm', 'production']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Secret `(DEPLOY|PROM)_TOKEN` for environment `production`.* has no value/);
});

test('run all stops at the first failure and exits with its code; sessions carry functions', () => {
  const r = cli(['--env', 'staging', '--all', '--set', 'pod=api-5c4b3a2f1-qq9zz']);
  assert.equal(r.code, 4);
  assert.match(r.stdout, /service=checkout ns=payments-staging\npod=api-5c4b3a2f1-qq9zz\nfailing step\n/);
  assert.ok(!r.stdout.includes('never reached'));
  assert.match(r.stderr, /stopped after step 3: 2 step\(s\) not run/);
  assert.deepEqual(r.lines().map((x) => [x.block, x.exitCode]), [[0, 0], [1, 0], [3, 4]]);
  assert.equal(r.lines()[1].expected.matched, true);
});

test('without a terminal, a missing placeholder value fails with the flag to pass', () => {
  const r = cli(['--env', 'staging', '--block', '2']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /<pod>.*no terminal to ask; pass --set pod=…/);
});

test('a placeholder value cannot inject a command', () => {
  const dir = scratchDir('runbook-cli-inject-');
  const marker = join(dir, 'pwned');
  const r = cli(['--env', 'staging', '--section', 'Diagnose', '--set', `pod=$(touch ${marker})'; touch ${marker}; '`]);
  assert.match(r.stdout, /pod=\$\(touch .*pwned\)'; touch .*pwned; '/);
  assert.equal(existsSync(marker), false);
});

test('a dangerous step without a terminal needs --yes', () => {
  const r = cli(['--env', 'staging', '--section', 'Remediate', '--set', 'pod=api-1']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /looks dangerous[\s\S]*kubectl delete pod "api-1"[\s\S]*add --yes/);
});

test('usage errors are one clear line', () => {
  const r = cli(['--env', 'staging']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /choose one of --block N, --section "Heading" or --all/);
  const unknown = cli(['--env', 'nowhere', '--all']);
  assert.match(unknown.stderr, /no environment 'nowhere'. Known: local, staging, production/);
});

test('a console transcript runs its command lines and here-documents, never its output', () => {
  const dir = scratchDir('runbook-cli-transcript-');
  const marker = join(dir, 'pwned');
  const file = join(dir, 'transcript.md');
  writeFileSync(file, ['# T', '', '```console', '$ echo cmd-ran', `touch ${marker}`, '$ cat <<EOF', '> typed <<EOF', '>', '> EOF', 'typed <<EOF', '',
    '$ cat <<-END', '\tplain body', '\tEND', 'plain body', '```', ''].join('\r\n'));
  const r = cli(['--env', 'local', '--block', '1'], {}, file);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'cmd-ran\ntyped <<EOF\n\nplain body\n');
  assert.equal(existsSync(marker), false, 'an output line ran');
  assert.equal(r.lines()[0].command, 'echo cmd-ran\ncat <<EOF\ntyped <<EOF\n\nEOF\ncat <<-END\n\tplain body\n\tEND');
});

test('--timeout stops a step (default 600 s, 0 for none), and a bad value is a usage error', () => {
  const dir = scratchDir('runbook-cli-timeout-');
  const file = join(dir, 'slow.md');
  writeFileSync(file, '# Slow\n\n```bash\necho started; sleep 30; echo never\n```\n\n```bash\necho quick\n```\n');
  const r = cli(['--env', 'local', '--block', '1', '--timeout', '1'], {}, file);
  assert.notEqual(r.code, 0, r.stderr);
  assert.match(r.stderr, /timed out after 1\.\ds/);
  assert.match(r.stdout, /^started\n/);
  assert.doesNotMatch(r.stdout, /never/);
  assert.equal(r.lines()[0].status, 'timeout');
  assert.equal(cli(['--env', 'local', '--block', '2', '--timeout', '0'], {}, file).code, 0);
  for (const bad of ['-1', 'abc', '']) assert.match(cli(['--env', 'local', '--block', '2', `--timeout=${bad}`], {}, file).stderr, /--timeout must be a number of seconds \(0 for no limit\)/, bad);
});

test('--timeout ends what the step started and returns at once, even outside its process group', () => {
  const dir = scratchDir('runbook-cli-leftovers-');
  const file = join(dir, 'stuck.md');
  writeFileSync(file, "# Stuck\n\n```bash\nsetsid bash -c 'echo \"left=$$\"; exec sleep 600' &\nsleep 0.2\ntimeout 600 sleep 600\n```\n");
  const t0 = Date.now();
  // The leftovers sleep 600 s: a CLI that waited for them would take minutes, so a bound far
  // above start-up time on a loaded machine still tells the two apart.
  const r = cli(['--env', 'local', '--block', '1', '--timeout', '2'], {}, file, 120_000);
  assert.notEqual(r.code, null, 'the CLI was still waiting after 120 s');
  assert.match(r.stderr, /timed out after 2\.\ds/);
  assert.ok(Date.now() - t0 < 60_000, `took ${Date.now() - t0} ms`);
  const left = Number(/left=(\d+)/.exec(r.stdout)![1]);
  assert.equal(existsSync(`/proc/${left}`) && !/\) Z /.test(readFileSync(`/proc/${left}/stat`, 'utf8')), false, 'the setsid child survived');
});

test('an environment too large to start bash (E2BIG) says so, instead of "✗ exit 1"', () => {
  const dir = scratchDir('runbook-cli-e2big-');
  mkdirSync(join(dir, '.runbook'));
  writeFileSync(join(dir, '.runbook/environments.yaml'), `environments:\n  big:\n    variables:\n      HUGE: "${'x'.repeat(200_000)}"\n`);
  writeFileSync(join(dir, 't.md'), '# T\n\n```bash\necho ran\n```\n');
  const r = cli(['--env', 'big', '--block', '1'], {}, join(dir, 't.md'));
  assert.notEqual(r.code, 0);
  assert.doesNotMatch(r.stdout, /ran/);
  assert.match(r.stderr, /Cannot start bash: its environment is too large for the system \(E2BIG\): \d+ variables, \d+ KB in all; HUGE alone is 195 KB/);
});

test('a secret-named placeholder value is masked on screen and in the record', () => {
  const dir = scratchDir('runbook-cli-secret-');
  const file = join(dir, 'secret.md');
  writeFileSync(file, '# S\n\n```bash\necho "auth=<api_token> pod=<pod>"\n```\n');
  const value = 'tok-Pl4ceholder-9876';
  const r = cli(['--env', 'local', '--block', '1', '--set', `api_token=${value}`, '--set', 'pod=api-1'], {}, file);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'auth=*** pod=api-1\n');
  assert.ok(!r.stderr.includes(value), r.stderr);
  const [rec] = r.lines();
  assert.equal(rec.command, 'echo "auth=*** pod=api-1"');
  assert.equal(rec.output, 'auth=*** pod=api-1\n');
});

const backlog = join(root, 'test/fixtures/run/ws/backlog.md');

test('a step whose first command fails exits non-zero, says which line, and --block counts steps as the editor does', () => {
  const r = cli(['--env', 'staging', '--block', '4'], {}, backlog);
  assert.equal(r.code, 127, r.stderr);
  assert.match(r.stdout, /^step-4\.sh: line 1: ledgerctl-not-installed: command not found\nlooked at entry 42\n$/);
  assert.match(r.stderr, /▶ step 4 \[Ledger backlog › Diagnosis › 4\. Look at one stuck entry\] on staging/);
  assert.match(r.stderr, /⚠ line 1 failed \(exit 127\)/);
  const [rec] = r.lines();
  assert.deepEqual([rec.step, rec.status, rec.failure.line, rec.failure.exitCode], [4, 'failed', 1, 127]);
  assert.match(cli(['--env', 'staging', '--block', '0'], {}, backlog).stderr, /step number as the editor shows it \(from 1\)/);
});

test('--on-failure strict stops the step at the failing command', () => {
  const r = cli(['--env', 'staging', '--block', '4', '--on-failure', 'strict'], {}, backlog);
  assert.equal(r.code, 127);
  assert.doesNotMatch(r.stdout, /looked at entry/);
  assert.match(r.stderr, /✗ line 1 failed \(exit 127\)/);
});

test('output without a final newline does not run into the status line', () => {
  const r = cli(['--env', 'staging', '--block', '5'], {}, backlog);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'noted without newline\n');
  assert.equal(r.lines()[0].output, 'noted without newline');
});

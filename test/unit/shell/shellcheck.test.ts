import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { shellcheckFindings } from '../../../server/src/shell/shellcheckAnalyzer';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportShellcheckMissingOnce, runShellcheck } from '../../../server/src/shell/shellcheck';
import { defaultSettings, type Settings } from '../../../server/src/analysis/settings';
import type { LocalDiagnostic, TextEditLocal } from '../../../server/src/analysis/types';

// CI installs Debian's shellcheck; the tests use the real binary.
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

function applyFix(body: string, d: LocalDiagnostic): string {
  const edits = (d.fixes?.[0].edits ?? []) as TextEditLocal[];
  let out = body;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}

test('an SC diagnostic carries a link and a quick fix that removes the finding', { skip: !hasShellcheck }, async () => {
  const body = '# Back up the state\ntar -czf state-$(date +%Y%m%d).tgz data/\nrm -f $TMPFILE';
  const found = await shellcheckFindings(body, defaultSettings);
  const d = found.diagnostics?.find((x) => x.code === 'SC2086');
  assert.ok(d, JSON.stringify(found));
  assert.equal(d.source, 'shellcheck');
  assert.equal(d.codeDescriptionHref, 'https://www.shellcheck.net/wiki/SC2086');
  assert.equal(body.slice(d.span.start, d.span.end), '$TMPFILE');
  assert.ok(d.fixes?.length, 'ShellCheck offers a fix');
  const fixed = applyFix(body, d);
  assert.match(fixed, /rm -f "\$TMPFILE"/);
  const after = await shellcheckFindings(fixed, defaultSettings);
  assert.ok(!after.diagnostics?.some((x) => x.code === 'SC2086'), 'SC2086 is gone after the fix');
  assert.ok(after.diagnostics?.some((x) => x.code === 'SC2046'), 'unrelated findings remain');
});

test('columns count characters: tabs and emoji before the finding', { skip: !hasShellcheck }, async () => {
  const body = 'echo "🚀 start"\n\techo "é" $x 😀 $y';
  const found = await shellcheckFindings(body, defaultSettings);
  const spans = (found.diagnostics ?? []).filter((d) => d.code === 'SC2086').map((d) => body.slice(d.span.start, d.span.end));
  assert.deepEqual(spans, ['$x', '$y']);
});

test('excluded codes are not reported; placeholders are masked first', { skip: !hasShellcheck }, async () => {
  const settings: Settings = { ...defaultSettings, shellcheck: { ...defaultSettings.shellcheck, exclude: [...defaultSettings.shellcheck.exclude, 'SC2086'] } };
  const found = await shellcheckFindings('kill -TERM <pid>\nrm -f $TMPFILE', settings);
  assert.deepEqual(found, {});
});

test('many blocks at once are batched and each gets its own findings', { skip: !hasShellcheck }, async () => {
  const bodies = Array.from({ length: 150 }, (_, i) => (i % 2 ? `echo $v${i}` : `echo "$v${i}"`));
  const results = await Promise.all(bodies.map((b) => shellcheckFindings(b, defaultSettings)));
  results.forEach((r, i) => {
    const codes = (r.diagnostics ?? []).map((d) => d.code);
    assert.deepEqual(codes, i % 2 ? ['SC2086'] : [], `block ${i}`);
  });
});

test('a missing shellcheck: no findings, and the server is told once', async () => {
  const settings: Settings = { ...defaultSettings, shellcheck: { ...defaultSettings.shellcheck, path: '/nonexistent/shellcheck' } };
  assert.deepEqual(await shellcheckFindings('echo $x', settings), {});
  const logged: string[] = [];
  assert.equal(await reportShellcheckMissingOnce(settings.shellcheck.path, (m) => logged.push(m)), false);
  assert.equal(await reportShellcheckMissingOnce(settings.shellcheck.path, (m) => logged.push(m)), false);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /ShellCheck was not found/);
});

const codesOf = async (body: string) => ((await shellcheckFindings(body, defaultSettings)).diagnostics ?? []).map((d) => [d.code, d.severity]);

test('runbook tuning: SC2155 and SC2164 are off, SC2086 a hint, SC2046 information', { skip: !hasShellcheck }, async () => {
  const body = [
    'export POD=$(kubectl get pods -l app=api -o name | head -1)',
    'cd /srv/app',
    'kubectl logs $POD',
    'kubectl delete $(kubectl get pods -o name --field-selector=status.phase=Failed)',
    'ROLE=admin',
    'ls -l /var/log | grep syslog',
    'source <(kubectl completion bash)',
  ].join('\n');
  assert.deepEqual(await codesOf(body), [['SC2086', 4], ['SC2046', 3], ['SC2209', 3], ['SC2010', 3]]);
});

test('runbook tuning keeps real bugs: SC2097/SC2098, SC2061', { skip: !hasShellcheck }, async () => {
  const codes = (await codesOf('REGION=eu-west-1 aws s3 ls --region $REGION\nfind /var/log -name *.gz')).map(([c]) => c);
  for (const c of ['SC2097', 'SC2098', 'SC2061']) assert.ok(codes.includes(c), `${c} in ${codes}`);
});

test('SC1101: a space after a continuation backslash is reported, once', { skip: !hasShellcheck }, async () => {
  const body = 'kubectl rollout restart deploy/api \\ \n  --namespace payments';
  const found = (await shellcheckFindings(body, defaultSettings)).diagnostics ?? [];
  assert.deepEqual(found.map((d) => d.code), ['SC1101']);
  assert.equal(found[0].severity, 2);
  assert.equal(body.slice(found[0].span.start, found[0].span.start + 1), '\\');
  const fixed = applyFix(body, found[0]);
  assert.equal(fixed, body.replace('\\ \n', '\\\n'));
  assert.deepEqual(await codesOf(fixed), []);
});

test('SC2215/SC2288 on pasted --help output are dropped; on a line broken off its command they stay', { skip: !hasShellcheck }, async () => {
  const help = 'docker run --help\n-d, --detach                 Run container in background\n-e, --env list               Set environment variables';
  assert.deepEqual(await codesOf(help), []);
  const broken = 'kubectl get pods\n--namespace payments';
  assert.deepEqual((await codesOf(broken)).map(([c]) => c), ['SC2215']);
});

test('a ShellCheck that hangs is killed at its timeout, with whatever it started', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-sc-hang-'));
  const pids = join(dir, 'pids');
  // A wrapper that never answers, as a stuck shellcheck (or a wrapper around one) does.
  const path = join(dir, 'shellcheck');
  writeFileSync(path, `#!/bin/bash\nsleep 1000 &\necho "$$ $!" >> '${pids}'\nwait\n`, { mode: 0o755 });
  await assert.rejects(runShellcheck('echo hi', { path, exclude: [], timeoutMs: 500 }), /did not answer within 500 ms/);
  await new Promise((r) => setTimeout(r, 200));
  const started = readFileSync(pids, 'utf8').trim().split(/\s+/).map(Number);
  assert.equal(started.length, 2);
  for (const pid of started) assert.ok(!isLive(pid), `pid ${pid} outlived the timeout`);
});

function isLive(pid: number): boolean {
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

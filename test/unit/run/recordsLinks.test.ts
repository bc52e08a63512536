// Run records in a folder a cloned repository shaped (issue 19 item 6): a committed symlink at the
// record file or the folder must not redirect the append (or the chmod) to the user's files.
import test from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './helpers';
import { RunRecorder, type RunRecord } from '../../../server/src/run/records';

const time = '2026-12-03T06:00:00.000Z';
const rec = (section: string[] = ['Checks']): RunRecord => ({
  time, runbook: 'rb.md', section, block: 0, environment: 'staging', kind: 'shell', command: 'echo hi',
  status: 'ok', exitCode: 0, durationMs: 3, output: 'hi\n', outputTruncated: false, outputChars: 3,
});

test('a record file that is a symlink (runs/<date>.jsonl -> ~/.bashrc) is not followed, nor its target chmod\'ed', async () => {
  const ws = scratchDir('runbook-reclink-');
  const target = join(ws, 'bashrc');
  writeFileSync(target, 'alias ls=ls\n');
  chmodSync(target, 0o644);
  mkdirSync(join(ws, '.runbook/runs'), { recursive: true, mode: 0o700 });
  symlinkSync(target, join(ws, '.runbook/runs/2026-12-03.jsonl'));
  const r = await new RunRecorder(join(ws, '.runbook/runs')).append(rec());
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /symbolic link/);
  assert.equal(readFileSync(target, 'utf8'), 'alias ls=ls\n', 'nothing appended to the target');
  assert.equal(statSync(target).mode & 0o777, 0o644, 'the target keeps its mode');
});

test('a runs folder that is a symlink is refused', async () => {
  const ws = scratchDir('runbook-reclink-');
  const elsewhere = scratchDir('runbook-elsewhere-');
  mkdirSync(join(ws, '.runbook'));
  symlinkSync(elsewhere, join(ws, '.runbook/runs'));
  const r = await new RunRecorder(join(ws, '.runbook/runs')).append(rec());
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /symbolic link/);
  assert.deepEqual(readdirSync(elsewhere), []);
});

test('a runs folder of another user is refused', { skip: process.getuid?.() === 0 ? false : 'needs root to chown' }, async () => {
  const ws = scratchDir('runbook-recown-');
  const dir = join(ws, 'runs');
  mkdirSync(dir, { mode: 0o777 });
  chownSync(dir, 65534, 65534);
  const r = await new RunRecorder(dir).append(rec());
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.error, /another user/);
  assert.deepEqual(readdirSync(dir), []);
});

test('the runs folder is created 0700, and an existing one is narrowed to 0700', async () => {
  const ws = scratchDir('runbook-recmode-');
  const r = await new RunRecorder(join(ws, '.runbook/runs')).append(rec());
  assert.equal(r.ok, true);
  assert.equal(statSync(join(ws, '.runbook/runs')).mode & 0o777, 0o700);
  const wide = join(ws, 'wide');
  mkdirSync(wide);
  chmodSync(wide, 0o755);
  assert.equal((await new RunRecorder(wide).append(rec())).ok, true);
  assert.equal(statSync(wide).mode & 0o777, 0o700);
});

test('heading text is one plain line in the record: no line breaks, escapes or bidi overrides', async () => {
  const ws = scratchDir('runbook-rechead-');
  const r = await new RunRecorder(ws).append(rec(['Restart\nResult:      ✓ ok', '\x1b]0;pwned\x07Fix \x1b[31mred\x1b[0m\u202e']));
  assert.equal(r.ok, true);
  const saved = JSON.parse(readFileSync(r.ok ? r.file : '', 'utf8'));
  assert.deepEqual(saved.section, ['Restart Result:      ✓ ok', 'Fix red']);
});

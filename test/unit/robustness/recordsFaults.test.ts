// Run records on a full disk and on a read-only file system, for real: a private mount namespace
// (unshare -m) with a tiny tmpfs, so nothing outside the test sees the mount. Both must give a
// clear message while the step's result is still returned. (A folder that cannot be created is
// covered in test/unit/run/engine.test.ts.) Skipped where mount namespaces are not allowed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, 'support/recordStep.ts');
const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=16k tmpfs "$1"', 'sh', mkdtempSync(join(tmpdir(), 'runbook-probe-'))]).status === 0;
const skip = canMount ? false : 'needs unshare -m and mount (root in a container that allows mount namespaces)';

function stepOn(prepare: string): { status: string; output: string; record: { ok: boolean; error?: string } } {
  const mnt = mkdtempSync(join(tmpdir(), 'runbook-mnt-'));
  const r = spawnSync('unshare', ['-m', 'sh', '-c', `${prepare} && exec "$2" --import tsx "$3" "$1/runs"`, 'sh', mnt, process.execPath, script], { encoding: 'utf8', cwd: join(__dirname, '../../..') });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('a full disk: the record is not saved, the message says why, the result still shows', { skip }, () => {
  const r = stepOn('mount -t tmpfs -o size=64k tmpfs "$1" && mkdir "$1/runs" && (dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null || true)');
  assert.equal(r.status, 'ok');
  assert.equal(r.output, 'hi\n');
  assert.equal(r.record.ok, false);
  assert.match(r.record.error ?? '', /^The run record was not saved in .*runs: the disk is full/);
});

test('a read-only file system: the record is not saved, the message says why, the result still shows', { skip }, () => {
  const r = stepOn('mount -t tmpfs -o size=64k tmpfs "$1" && mkdir "$1/runs" && mount -o remount,ro "$1"');
  assert.equal(r.status, 'ok');
  assert.equal(r.output, 'hi\n');
  assert.equal(r.record.ok, false);
  assert.match(r.record.error ?? '', /^The run record was not saved in .*runs: the file system is read-only/);
});

// `runbook check --jobs N`: the worker pool gives exactly the single-thread output, in file order,
// even when the first file is the last to finish.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunbooks } from './fixtures';
import { checkAll } from '../../../server/src/repoCheck/pool';
import { OrderedOutput } from '../../../server/src/repoCheck/orderedOutput';
import { defaultSettings } from '../../../server/src/analysis/settings';
import type { FileResult } from '../../../server/src/repoCheck/fileResult';

const root = join(__dirname, '../../..');

function check(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/main.ts'), 'check', '--no-cache', ...args], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('--jobs 2 prints what --jobs 1 prints, in file order, with the same exit code (text and JSON)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-pool-'));
  const files = writeRunbooks(dir, 40, { bigFirst: true });
  const one = check('--jobs', '1', dir);
  const two = check('--jobs', '2', dir);
  assert.equal(one.code, 1, one.err);
  assert.equal(two.code, one.code, two.err);
  assert.ok(one.out.split('\n').length > 300, 'the fixtures have findings');
  assert.equal(two.out, one.out);
  // File order: each file's lines come in one run, files in the order given.
  const order = [...new Set(two.out.trim().split('\n').map(l => l.slice(0, l.indexOf('.md:') + 3)))];
  assert.deepEqual(order, files);
  const jsonOne = check('--jobs', '1', '--format', 'json', dir);
  const jsonTwo = check('--jobs=2', '--format', 'json', dir);
  assert.equal(jsonTwo.out, jsonOne.out);
});

test('the pool hands every file back, out of order, and the ordered output restores file order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-pool-'));
  const files = writeRunbooks(dir, 8, { bigFirst: true });
  const { readFileSync } = await import('node:fs');
  const jobs = files.map((f, index) => ({ index, uri: `file://${f}`, text: readFileSync(f, 'utf8') }));
  const arrival: number[] = [];
  const printed: number[] = [];
  const out = new OrderedOutput<FileResult>(i => printed.push(i));
  await checkAll(jobs, { jobs: 2, settings: defaultSettings, minFilesPerThread: 1 }, (i, r) => { arrival.push(i); out.put(i, r); });
  assert.deepEqual([...arrival].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.notDeepEqual(arrival, [0, 1, 2, 3, 4, 5, 6, 7], 'the big first file finishes after others (else this test shows nothing)');
  assert.deepEqual(printed, [0, 1, 2, 3, 4, 5, 6, 7]);
});

test('--jobs takes a whole number; anything else is a usage error', () => {
  for (const bad of ['0', 'two', '-1', '']) {
    const r = check('--jobs', bad, join(root, 'runbooks'));
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /--jobs must be a whole number/);
  }
});

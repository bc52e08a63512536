// The result cache of `runbook check`: a re-run serves unchanged files from disk with the same
// output, re-checks a changed file, and never serves a result made by other settings, another
// ShellCheck or other code.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunbooks } from './fixtures';
import { checkIdentity } from '../../../server/src/repoCheck/cacheKey';
import { ResultCache, resultCacheFile, resultKey } from '../../../server/src/repoCheck/resultCache';
import { defaultSettings } from '../../../server/src/analysis/settings';
import type { FileResult } from '../../../server/src/repoCheck/fileResult';

const root = join(__dirname, '../../..');

function check(cacheDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/main.ts'), 'check', '--jobs', '1', ...args],
    { cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, RUNBOOK_CACHE_DIR: cacheDir } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a re-run serves unchanged files from the cache with the same output; a changed file is checked again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
  const cacheDir = join(dir, 'cache');
  const files = writeRunbooks(join(dir, 'repo'), 6);
  const cold = check(cacheDir, join(dir, 'repo'));
  assert.equal(cold.code, 1, cold.err);
  assert.match(cold.err, /^6 file\(s\) checked, \d+ error\(s\)/m);
  assert.equal(statSync(resultCacheFile(cacheDir)).mode & 0o777, 0o600, 'the cache is private to its user');
  const warm = check(cacheDir, join(dir, 'repo'));
  assert.match(warm.err, /6 file\(s\) checked \(6 unchanged, from the cache\)/);
  assert.equal(warm.out, cold.out);
  assert.equal(warm.code, cold.code);
  // A new finding in one file: that file is checked again and shows it, the others come from the cache.
  appendFileSync(files[2], '\n```bash\necho $((1 +\n```\n');
  const changed = check(cacheDir, join(dir, 'repo'));
  assert.match(changed.err, /\(5 unchanged, from the cache\)/);
  const fresh = check(join(dir, 'other-cache'), '--no-cache', join(dir, 'repo'));
  assert.equal(changed.out, fresh.out);
  assert.notEqual(changed.out, cold.out);
  // --no-cache neither reads nor writes it.
  const none = check(cacheDir, '--no-cache', join(dir, 'repo'));
  assert.doesNotMatch(none.err, /from the cache/);
  assert.equal(none.out, fresh.out);
});

const result = (message: string, lasting = true): FileResult => ({ diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 2, code: 'x', source: 'runbook', message }], blocks: [], metrics: [], errors: 0, lasting });

test('entries are found by content and identity only; a result from a check that could not run is not kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
  const file = resultCacheFile(dir);
  const id = checkIdentity(defaultSettings, 'code-1');
  const c = new ResultCache(file).load();
  c.set(resultKey(id, 'text a'), result('a'));
  c.set(resultKey(id, 'text b'), result('b', false));
  assert.ok(c.save());
  const again = new ResultCache(file).load();
  assert.equal(again.get(resultKey(id, 'text a'))?.diagnostics[0].message, 'a');
  assert.equal(again.get(resultKey(id, 'text a changed')), undefined, 'changed content misses');
  assert.equal(again.get(resultKey(id, 'text b')), undefined, 'a result with runbook/check-failed is not cached');
  // A torn or foreign file is an empty cache, not a crash.
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, 30) + '\nnot a line\n');
  assert.equal(new ResultCache(file).load().get(resultKey(id, 'text a')), undefined);
});

test('the identity changes with the settings, the code and the ShellCheck version', () => {
  const base = checkIdentity(defaultSettings, 'code-1');
  assert.equal(checkIdentity(defaultSettings, 'code-1'), base, 'stable for the same inputs');
  assert.notEqual(checkIdentity(defaultSettings, 'code-2'), base, 'other code');
  assert.notEqual(checkIdentity({ ...defaultSettings, knownSeverities: ['critical'] }, 'code-1'), base, 'other settings');
  assert.notEqual(checkIdentity({ ...defaultSettings, shellcheck: { ...defaultSettings.shellcheck, enabled: false } }, 'code-1'), base);
  // The same ShellCheck path reporting another version (an upgrade in place).
  const dir = mkdtempSync(join(tmpdir(), 'runbook-sc-version-'));
  const fake = join(dir, 'shellcheck');
  const settings = { ...defaultSettings, shellcheck: { ...defaultSettings.shellcheck, path: fake } };
  writeFileSync(fake, '#!/bin/sh\necho "version: 0.9.0"\n');
  chmodSync(fake, 0o755);
  const v1 = checkIdentity(settings, 'code-1');
  writeFileSync(fake, '#!/bin/sh\necho "version: 0.10.0"\n');
  assert.notEqual(checkIdentity(settings, 'code-1'), v1);
  // Run from source, the code identity covers server/src: it is a real hash, not a constant.
  assert.match(checkIdentity(defaultSettings), /^[\w-]{43}$/);
});

test('a cache file others could have written is not read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
  const file = resultCacheFile(dir);
  const id = checkIdentity(defaultSettings, 'code-1');
  const c = new ResultCache(file).load();
  c.set(resultKey(id, 'text a'), result('a'));
  c.save();
  chmodSync(file, 0o666);
  assert.equal(new ResultCache(file).load().get(resultKey(id, 'text a')), undefined);
  chmodSync(file, 0o600);
  assert.ok(new ResultCache(file).load().get(resultKey(id, 'text a')));
});

// The .gitignore offer for run records, with real git: the entry goes at the repository root even
// when the records folder sits in a subfolder, and is not offered again once git ignores it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addIgnore, ignorePlan } from '../../../server/src/run/recordsIgnore';
import { scratchDir } from './helpers';

function repo(): string {
  const root = scratchDir('runbook-repo-');
  execFileSync('git', ['init', '-q'], { cwd: root });
  // The project's own pattern: it only matches .runbook/runs at the top level.
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n.runbook/runs/\n');
  return root;
}

test('records in a subfolder (runbooks/.runbook/runs) get an entry in the root .gitignore', async () => {
  const root = repo();
  const records = join(root, 'runbooks/.runbook/runs');
  mkdirSync(records, { recursive: true });
  const plan = await ignorePlan(records);
  assert.ok(plan, 'the top-level pattern does not cover the subfolder, so it is offered');
  assert.equal(plan.ignoreFile, join(root, '.gitignore'));
  assert.equal(plan.line, '/runbooks/.runbook/runs/');
  await addIgnore(plan);
  assert.match(readFileSync(join(root, '.gitignore'), 'utf8'), /^node_modules\/\n\.runbook\/runs\/\n# Runbook run records.*\n\/runbooks\/\.runbook\/runs\/\n$/);
  writeFileSync(join(records, '2026-01-01.jsonl'), '{}\n');
  assert.equal(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' }).includes('jsonl'), false, 'git no longer sees the records');
  assert.equal(await ignorePlan(records), undefined, 'not offered twice');
});

test('records already ignored at the top level, or outside any repository, are not offered', async () => {
  const root = repo();
  assert.equal(await ignorePlan(join(root, '.runbook/runs')), undefined);
  assert.equal(await ignorePlan(join(scratchDir('runbook-norepo-'), '.runbook/runs')), undefined);
});

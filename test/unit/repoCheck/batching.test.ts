// ShellCheck across files: checking files together starts one ShellCheck process for the blocks
// of many files, and gives each file exactly the findings it gets when checked alone.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunbooks } from './fixtures';
import { checkAll } from '../../../server/src/repoCheck/pool';
import { checkFileText, type FileResult } from '../../../server/src/repoCheck/fileResult';
import { defaultSettings } from '../../../server/src/analysis/settings';
import { reportShellcheckMissingOnce, shellcheckStats } from '../../../server/src/shell/shellcheck';

test('one ShellCheck process for the blocks of many files, with the same findings as file by file', async (t) => {
  if (!(await reportShellcheckMissingOnce('shellcheck', () => undefined))) { t.skip('shellcheck not installed'); return; }
  const dir = mkdtempSync(join(tmpdir(), 'runbook-batch-'));
  const files = writeRunbooks(dir, 12);
  const jobs = files.map((f, index) => ({ index, uri: `file://${f}`, text: readFileSync(f, 'utf8') }));
  // Other settings for the file-by-file run, so that it cannot reuse the batched run's cached findings.
  const alone = { ...defaultSettings, shellcheck: { ...defaultSettings.shellcheck, exclude: [...defaultSettings.shellcheck.exclude, 'SC9999'] } };
  let before = shellcheckStats.processes;
  const separately: FileResult[] = [];
  for (const j of jobs) separately.push(await checkFileText(j.text, j.uri, alone));
  assert.equal(shellcheckStats.processes - before, files.length, 'file by file: one process per file');

  before = shellcheckStats.processes;
  const together: FileResult[] = [];
  await checkAll(jobs, { jobs: 1, settings: defaultSettings }, (i, r) => { together[i] = r; });
  const processes = shellcheckStats.processes - before;
  assert.ok(processes >= 1 && processes === 1, `${processes} ShellCheck processes for ${files.length} files`);
  assert.deepEqual(together, separately);
  assert.ok(together.every(r => r.diagnostics.some(d => d.source === 'shellcheck')), 'every file has ShellCheck findings');
});

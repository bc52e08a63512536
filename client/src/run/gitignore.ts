// Run records can hold production output, so the first record in a Git workspace offers to keep the
// records folder out of Git. Asked once per workspace; never blocks the run.
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const ASKED = 'runbook.gitignoreAsked';

export async function offerGitignore(state: vscode.Memento, recordFile: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder || state.get(ASKED) || !existsSync(join(folder, '.git'))) return;
  const dir = relative(folder, join(recordFile, '..')).split(sep).join('/');
  if (!dir || dir.startsWith('..')) return;
  const ignoreFile = join(folder, '.gitignore');
  const current = await readFile(ignoreFile, 'utf8').catch(() => '');
  const lines = current.split(/\r?\n/).map(l => l.trim().replace(/^\/|\/$/g, ''));
  if (lines.some(l => l === dir || dir.startsWith(`${l}/`))) return;
  await state.update(ASKED, true);
  const add = 'Add to .gitignore';
  const choice = await vscode.window.showInformationMessage(
    `Runbook saves run records (commands and their output) in ${dir}. Keep them out of Git?`, add, 'Not now');
  if (choice !== add) return;
  const sepLine = current && !current.endsWith('\n') ? '\n' : '';
  await appendFile(ignoreFile, `${sepLine}# Runbook run records (may hold production output)\n/${dir}/\n`);
}

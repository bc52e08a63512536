// Run records can hold production output, so the first record in a Git workspace offers to keep the
// records folder out of Git, in the .gitignore of the repository root even when the editor opened
// a subfolder of it. Asked once per workspace; never blocks the run.
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { addIgnore, ignorePlan } from '../../../server/src/run/recordsIgnore';

const ASKED = 'runbook.gitignoreAsked';

export async function offerGitignore(state: vscode.Memento, recordFile: string): Promise<void> {
  if (state.get(ASKED)) return;
  const plan = await ignorePlan(dirname(recordFile));
  if (!plan) return;
  await state.update(ASKED, true);
  const add = 'Add to .gitignore';
  const choice = await vscode.window.showInformationMessage(
    `Runbook saves run records (commands and their output) in ${plan.dir}. Keep them out of Git?`, add, 'Not now');
  if (choice === add) await addIgnore(plan);
}

// How the e2e tests reach the extension and the fixture workspace (test/e2e/workspace, copied to
// a scratch folder for each run, so tests may edit and save files).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * The API `activate` returns: mirrors RunbookApi in client/src/extension.ts, which the test
 * TypeScript project cannot import (it does not reference the client project).
 */
interface RunbookApi {
  readonly ready: Promise<void>;
  readonly client: LanguageClient;
}

export const EXTENSION_ID = 'runbook-dev.runbook';

/** The extension's API once its language server has answered `initialize`. */
export async function runbookApi(): Promise<RunbookApi> {
  const ext = vscode.extensions.getExtension<RunbookApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this editor`);
  const api = await ext.activate();
  await api.ready;
  return api;
}

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run opens the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a fixture runbook in an editor, as a user clicking it in the Explorer would. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(doc);
}

/** Closes all editors without saving, so one test's edits do not leak into the next. */
export async function closeAllEditors(): Promise<void> {
  // closeAllEditors alone would stop at a "Save changes?" dialog for a modified document.
  for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

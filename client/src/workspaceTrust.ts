// Tells the server whether the workspace is trusted. The server draws no Run lenses until it hears
// `trusted: true`, so an editor that may not run steps never offers to (see runState.ts).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const RUN_STATE_NOTIFICATION = 'runbook/state';

export function syncWorkspaceTrust(client: LanguageClient, ready: Promise<void>): vscode.Disposable {
  const send = () => client.sendNotification(RUN_STATE_NOTIFICATION, { trusted: vscode.workspace.isTrusted });
  ready.then(send, () => undefined);
  // Trust can be granted while the editor is open, never withdrawn without a reload.
  return vscode.workspace.onDidGrantWorkspaceTrust(() => { if (client.isRunning()) void send(); });
}

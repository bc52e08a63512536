// "Runbook: Evaluate PromQL at Cursor": the hover already evaluates the expression under the
// cursor against the chosen environment, so the command simply shows it from the keyboard.
import * as vscode from 'vscode';

export function registerEvaluateAtCursor(): vscode.Disposable {
  return vscode.commands.registerCommand('runbook.evaluateAtCursor', () => vscode.commands.executeCommand('editor.action.showHover'));
}

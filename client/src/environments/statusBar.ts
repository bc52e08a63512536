// The current environment in the status bar; a click opens the picker. Protected environments get
// the error background so that "you are on production" is visible from anywhere in the window.
import * as vscode from 'vscode';
import type { Environments } from './environments';

export function environmentStatusBar(envs: Environments): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('runbook.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Runbook environment';
  item.command = 'runbook.pickEnvironment';
  const update = () => {
    const env = envs.current;
    item.text = env.protected ? `$(shield) ${env.name}` : `$(server-environment) ${env.name}`;
    item.tooltip = env.protected
      ? `Runbook steps run on PROTECTED environment "${env.name}". Click to pick another.`
      : `Runbook steps run on "${env.name}". Click to pick another.`;
    item.backgroundColor = env.protected ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    // Shown beside runbooks, and always once a protected environment is chosen.
    const lang = vscode.window.activeTextEditor?.document.languageId;
    if (env.protected || lang === 'markdown' || lang === 'promql') item.show(); else item.hide();
  };
  update();
  return vscode.Disposable.from(item, envs.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update));
}

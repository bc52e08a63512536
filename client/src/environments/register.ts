// Environments in the editor: the list, the status-bar item and the picker command.
import * as vscode from 'vscode';
import { Environments } from './environments';
import { environmentStatusBar } from './statusBar';
import { pickEnvironment } from './pickEnvironment';

export function registerEnvironments(context: vscode.ExtensionContext): Environments {
  const envs = new Environments(context.workspaceState);
  context.subscriptions.push(
    envs,
    environmentStatusBar(envs),
    vscode.commands.registerCommand('runbook.pickEnvironment', (args?: { name?: string }) => pickEnvironment(envs, args)),
  );
  void envs.load();
  return envs;
}

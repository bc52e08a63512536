// Environments in the editor: the list, the status-bar item and the picker command.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Environments } from './environments';
import { environmentStatusBar } from './statusBar';
import { pickEnvironment } from './pickEnvironment';
import { forgetSecrets } from './secretStorage';
import { originOf } from '../../../server/src/environments/resolve';

export function registerEnvironments(context: vscode.ExtensionContext, client?: LanguageClient): Environments {
  const envs = new Environments(context.workspaceState);
  context.subscriptions.push(
    envs,
    environmentStatusBar(envs, client),
    vscode.commands.registerCommand('runbook.pickEnvironment', (args?: { name?: string }) => pickEnvironment(envs, args)),
    vscode.commands.registerCommand('runbook.forgetSecrets', async () => {
      const env = envs.current;
      const auth = env.prometheus?.auth;
      const destination = env.prometheus ? originOf(env.prometheus.url) : undefined;
      const hostBound = [...(auth?.bearer ? [auth.bearer] : []), ...(auth?.basic ? [auth.basic.password] : [])];
      const names = [...new Set([...env.secrets, ...hostBound])];
      await forgetSecrets(context.secrets, env.name, [...env.secrets.map(name => ({ name })), ...hostBound.map(name => ({ name, destination }))]);
      void vscode.window.showInformationMessage(names.length
        ? `Runbook: forgot the stored secrets of "${env.name}" (${names.join(', ')}); they will be asked for on the next run.`
        : `Runbook: environment "${env.name}" has no secrets.`);
    }),
  );
  void envs.load();
  return envs;
}

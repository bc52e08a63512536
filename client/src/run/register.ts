// Running steps in the editor: the engine in the extension host, its terminals, the run commands,
// run history, and the state the language server draws Run lenses from.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RunEngine } from '../../../server/src/run/engine';
import { prometheusInstantQuery } from '../../../server/src/run/promql';
import type { Environments } from '../environments/environments';
import { secretStorageSource } from '../environments/secretStorage';
import { SettingsRecorder } from './recorder';
import { SessionTerminals } from './terminals';
import { ServerState } from './serverState';
import { mementoValueStore } from './prompts';
import { RunController, type RunArgs } from './runController';
import { RunHistory, type HistoryArgs } from './history';
import { registerRunsView } from '../runs/register';

/** Ends every session and closes the Prometheus connections; `deactivate` waits for it. */
let disposeRun: (() => Promise<void>) | undefined;

export function deactivateRun(): Promise<void> {
  return disposeRun?.() ?? Promise.resolve();
}

export function registerRun(context: vscode.ExtensionContext, client: LanguageClient, envs: Environments): RunController {
  const instantQuery = prometheusInstantQuery();
  const recorder = new SettingsRecorder(context.globalStorageUri);
  const engine = new RunEngine({ recorder, instantQuery, confirmReconnect });
  let disposed: Promise<void> | undefined;
  disposeRun = () => (disposed ??= Promise.all([engine.dispose(), instantQuery.close()]).then(() => undefined));
  const server = new ServerState(client, envs);
  const controller = new RunController(client, envs, engine, secretStorageSource(context.secrets), mementoValueStore(context.workspaceState), server, context.workspaceState);
  const history = new RunHistory(context.globalStorageUri, uri => controller.runbookName(uri));
  const runbookOf = (args?: { uri?: string }) => {
    const uri = args?.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
    return uri && controller.runbookName(uri);
  };

  context.subscriptions.push(
    server,
    new SessionTerminals(engine, (runbook, env) => controller.cancelSession(runbook, env)),
    history,
    registerRunsView(context, client, history, recorder.onDidAppend),
    { dispose: () => void deactivateRun() },
    vscode.commands.registerCommand('runbook.runBlock', (args?: RunArgs) => controller.run('block', args)),
    vscode.commands.registerCommand('runbook.runSection', (args?: RunArgs) => controller.run('section', args)),
    vscode.commands.registerCommand('runbook.runAll', (args?: RunArgs) => controller.run('all', args)),
    vscode.commands.registerCommand('runbook.cancelRun', (args?: { uri?: string; env?: string }) => controller.cancel(args)),
    vscode.commands.registerCommand('runbook.showRunHistory', (args?: HistoryArgs) => history.show(args)),
    vscode.commands.registerCommand('runbook.resetSession', async (args?: { uri?: string; env?: string }) => {
      const runbook = runbookOf(args);
      if (!runbook) return;
      const env = args?.env ?? envs.current.name;
      await engine.resetSession(runbook, env);
      void vscode.window.showInformationMessage(`Runbook: the shell session for ${runbook} on "${env}" was reset.`);
    }),
    // A runbook's sessions (and anything they left running) go when its last tab closes. Not on
    // onDidCloseTextDocument: VS Code fires that for unshown documents and language changes too.
    vscode.window.tabGroups.onDidChangeTabs(e => {
      const shown = new Set(vscode.window.tabGroups.all.flatMap(g => g.tabs).map(t => tabUri(t)?.toString()));
      for (const tab of e.closed) {
        const uri = tabUri(tab);
        if (uri && !shown.has(uri.toString()) && (uri.scheme === 'file' || uri.scheme === 'untitled')) void engine.disposeRunbook(controller.runbookName(uri));
      }
    }),
  );
  return controller;
}

/** A dropped connection may have left a step half-run: a new session is a deliberate choice (Cancel default). */
async function confirmReconnect(i: { runbook: string; env: string; host: string; reason: string }): Promise<boolean> {
  const go = await vscode.window.showWarningMessage(`Reconnect to ${i.host} for "${i.env}"?`, { modal: true, detail: `${i.reason}\n\nA new session starts without the old one's exports and functions. The step you run next is the only one that runs.` }, 'Reconnect');
  return go === 'Reconnect';
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri;
  if (input instanceof vscode.TabInputTextDiff) return input.modified;
  return undefined;
}

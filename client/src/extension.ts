// Extension entry point: wires the pieces together and nothing else. Each editor feature lives in
// its own file under client/src/ and is registered here with one line.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerEnvironments } from './environments/register';
import { registerRun, deactivateRun } from './run/register';
import { servePrometheusConfig } from './environments/prometheusConfig';
import { registerEvaluateAtCursor } from './metrics/evaluateAtCursor';
import { registerFillPlaceholder } from './placeholders/fillPlaceholder';
import { registerChart } from './chart/register';
import { registerCheckSymptoms } from './symptoms/checkSymptoms';
import { registerExportIncidentReport } from './report/exportIncidentReport';
import { registerAlertCommands } from './alerts/alertCommands';

/** What `activate` returns: lets the e2e tests (and other extensions) wait for the server. */
export interface RunbookApi {
  /** Resolves once the language server has answered `initialize`; rejects if it could not start. */
  readonly ready: Promise<void>;
  readonly client: LanguageClient;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): RunbookApi {
  const output = vscode.window.createOutputChannel('Runbook');
  context.subscriptions.push(output);

  client = createLanguageClient(context, output);
  const ready = client.start().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    output.appendLine(`The Runbook language server did not start: ${message}`);
    void vscode.window.showErrorMessage(`Runbook: the language server did not start (${message}). See the "Runbook" output.`);
    throw err;
  });
  ready.catch(() => undefined); // reported above; the API's callers still see the rejection
  const envs = registerEnvironments(context, client);
  registerRun(context, client, envs);
  context.subscriptions.push(servePrometheusConfig(client, envs, context.secrets), registerEvaluateAtCursor(), registerFillPlaceholder(), registerCheckSymptoms(context, client), registerExportIncidentReport(context, envs), registerAlertCommands(context, client, envs));
  // After registerRun: its server-state listener tells the server of a new environment first.
  context.subscriptions.push(registerChart(context, client, envs));

  return { ready, client };
}

export async function deactivate(): Promise<void> {
  // Sessions (and what they started) end before the extension host does.
  await Promise.all([deactivateRun(), client?.stop()]);
}

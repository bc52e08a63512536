// "Runbook: Check Symptoms": the lens (or the palette) asks the server to evaluate the runbook's
// symptoms in the chosen environment; the results appear as inlay hints. Returns the answer,
// which the e2e tests read. Each round is a run record (the incident report's timeline shows it).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { symptomCheckRecord } from '../../../server/src/symptoms/checkRecord';
import { operatorIn } from '../../../server/src/run/operator';
import { SettingsRecorder } from '../run/recorder';
import { CHECK_SYMPTOMS_COMMAND, CHECK_SYMPTOMS_REQUEST, type CheckSymptomsParams, type CheckSymptomsResult } from '../../../server/src/lsp/features/symptomsProtocol';

export function registerCheckSymptoms(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
  const recorder = new SettingsRecorder(context.globalStorageUri);
  return vscode.commands.registerCommand(CHECK_SYMPTOMS_COMMAND, async (args?: { uri?: string }): Promise<CheckSymptomsResult | undefined> => {
    const uri = args?.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
    if (!uri) { void vscode.window.showInformationMessage('Runbook: open a runbook to check its symptoms.'); return undefined; }
    const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking symptoms…' },
      () => client.sendRequest<CheckSymptomsResult>(CHECK_SYMPTOMS_REQUEST, { uri } satisfies CheckSymptomsParams));
    if ('error' in answer) { void vscode.window.showWarningMessage(`Runbook: ${answer.error}`); return answer; }
    const present = answer.symptoms.filter(s => s.state === 'present').length;
    const unknown = answer.symptoms.filter(s => s.state === 'unknown').length;
    vscode.window.setStatusBarMessage(`Runbook: ${present} of ${answer.symptoms.length} symptoms present on ${answer.env}${unknown ? `, ${unknown} could not be evaluated` : ''}`, 10_000);
    void record(recorder, uri, answer);
    return answer;
  });
}

async function record(recorder: SettingsRecorder, uri: string, answer: Extract<CheckSymptomsResult, { env: string }>): Promise<void> {
  const file = vscode.Uri.parse(uri);
  const folder = vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const r = await recorder.appendEvent(symptomCheckRecord({
    time: new Date(), environment: answer.env, runbook: vscode.workspace.asRelativePath(file, false), durationMs: answer.durationMs,
    symptoms: answer.symptoms.map(s => ({ ...s, line: s.line + 1 })),
    ranBy: await operatorIn(folder ?? process.cwd()),
  }));
  if (!r.ok) void vscode.window.showWarningMessage(`Runbook: the symptom check was not recorded: ${r.error}`);
}

// The alert lens's commands: the instances of an alert, Silence… and Expire…. Nothing is silenced
// or expired without these prompts: the duration, a comment, then a list showing the matchers,
// the environment and the end time whose first and selected item is Cancel (Enter, Escape or a
// click elsewhere leaves everything as it was), on a protected environment named as such.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ALERT_REQUESTS, type AlertInstancesResult, type ExpireLensArgs, type SilenceLensArgs, type SilenceResult } from '../../../server/src/lsp/features/alertProtocol';
import { ALERT_COMMANDS } from '../../../server/src/alertLinks/commands';
import { alertMatchers, showMatchers } from '../../../server/src/alertmanager/matching';
import { parseSilenceDuration } from '../../../server/src/alertmanager/duration';
import { ago } from '../../../server/src/alertLinks/firingState';
import type { SilenceRecord } from '../../../server/src/run/recordKinds';
import { SettingsRecorder } from '../run/recorder';
import { secretStorageSource } from '../environments/secretStorage';
import type { Environments } from '../environments/environments';

export function registerAlertCommands(context: vscode.ExtensionContext, client: LanguageClient, envs: Environments): vscode.Disposable {
  const recorder = new SettingsRecorder(context.globalStorageUri);
  // A silence is part of the incident's timeline (the report shows it): one event record each.
  const record = (rec: Omit<SilenceRecord, 'time' | 'event'>, uri?: string) => {
    const file = uri ? vscode.Uri.parse(uri) : undefined;
    const runbook = file ? vscode.workspace.asRelativePath(file, false) : undefined;
    void recorder.appendEvent({ event: 'silence', time: new Date().toISOString(), ...(runbook ? { runbook } : {}), ...rec }).then((r) => {
      if (!r.ok) void vscode.window.showWarningMessage(`Runbook: the silence was made, but not recorded: ${r.error}`);
    });
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(ALERT_COMMANDS.instances, (a: { env: string; alert: string }) => showInstances(client, a)),
    // The credential is asked after the confirmation, as a run on a protected environment does.
    vscode.commands.registerCommand(ALERT_COMMANDS.silence, (a: SilenceLensArgs) => silence(client, a, record, () => alertmanagerCredential(envs, context.secrets, a.env))),
    vscode.commands.registerCommand(ALERT_COMMANDS.expire, (a: ExpireLensArgs) => expire(client, a, record)),
  );
}

/**
 * The Alertmanager's credential, asked for (and kept in SecretStorage, bound to its host) when not
 * stored yet: lenses and hovers never prompt, so this click is where it is entered. Only the
 * endpoints' credentials: the environment's run-time `secrets:` are not asked here.
 */
async function alertmanagerCredential(envs: Environments, storage: vscode.SecretStorage, env: string): Promise<boolean> {
  const def = envs.find(env);
  if (!def?.alertmanager?.auth) return true;
  if (!vscode.workspace.isTrusted) { void vscode.window.showWarningMessage('Runbook: the workspace is not trusted, so no credentials are sent and nothing is silenced.'); return false; }
  try {
    const resolved = await envs.resolve({ ...def, secrets: [] }, secretStorageSource(storage));
    if (resolved.alertmanagerError) { void vscode.window.showWarningMessage(`Runbook: ${resolved.alertmanagerError}`); return false; }
    return true;
  } catch (e) {
    void vscode.window.showWarningMessage(`Runbook: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

type RecordSilence = (rec: Omit<SilenceRecord, 'time' | 'event'>, uri?: string) => void;

async function showInstances(client: LanguageClient, a: { env: string; alert: string }): Promise<void> {
  const r = await client.sendRequest<AlertInstancesResult>(ALERT_REQUESTS.instances, a);
  if (r.error) { void vscode.window.showWarningMessage(`Runbook: ${a.alert} in ${a.env}: ${r.error}`); return; }
  if (!r.instances?.length) { void vscode.window.showInformationMessage(`Runbook: ${a.alert} is inactive in ${a.env}: no instance is pending or firing.`); return; }
  const now = Date.now();
  const items = r.instances.map((i): vscode.QuickPickItem => {
    const labels = Object.entries(i.labels).filter(([k]) => k !== 'alertname').map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
    const since = i.activeAt ? `, since ${ago(now - Date.parse(i.activeAt))}` : '';
    return { label: `${i.state === 'firing' ? '$(bell-dot)' : '$(watch)'} ${i.state}`, description: `value ${i.value ?? '?'}${since}`, detail: labels || '(no other labels)' };
  });
  await vscode.window.showQuickPick(items, { title: `Runbook: ${a.alert} in ${a.env} (${r.instances.length} instance${r.instances.length === 1 ? '' : 's'})`, matchOnDetail: true });
}

async function silence(client: LanguageClient, a: SilenceLensArgs, record: RecordSilence, credential: () => Promise<boolean>): Promise<SilenceResult | undefined> {
  const duration = a.duration ?? await vscode.window.showInputBox({
    title: `Silence ${a.alert} in ${a.env}`, prompt: 'For how long? (e.g. 30m, 2h, 1d)', value: '1h', ignoreFocusOut: true,
    validateInput: (v) => (parseSilenceDuration(v) === undefined ? 'A duration from 1m to 30d, such as 30m, 2h or 1d.' : undefined),
  });
  const ms = duration === undefined ? undefined : parseSilenceDuration(duration);
  if (ms === undefined) return undefined;
  const comment = a.comment ?? await vscode.window.showInputBox({
    title: `Silence ${a.alert} in ${a.env} for ${duration!.trim()}`, prompt: 'Why? (shown to everyone who sees the silence)', ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A silence needs a comment.'),
  });
  if (!comment?.trim()) return undefined;
  const until = new Date(Date.now() + ms).toLocaleString();
  const matchers = showMatchers(alertMatchers(a.alert));
  const where = a.protected ? `protected environment ${a.env}` : a.env;
  const cancel: vscode.QuickPickItem = { label: '$(close) Cancel', description: 'silence nothing' };
  const go: vscode.QuickPickItem = { label: `${a.protected ? '$(warning)' : '$(bell-slash)'} Silence in ${where}`, description: `until ${until}`, detail: `${matchers} · “${comment.trim()}”` };
  // A scripted answer must name the environment, as a run command's `confirm` does.
  const picked = a.confirm !== undefined ? (a.confirm === a.env ? go : cancel)
    : await vscode.window.showQuickPick([cancel, go], { title: `Runbook: silence ${matchers} in ${where}?`, placeHolder: `Every alert matching ${matchers} stays quiet until ${until}`, ignoreFocusOut: true });
  if (picked !== go || !await credential()) return undefined;
  const r = await client.sendRequest<SilenceResult>(ALERT_REQUESTS.silence, { env: a.env, alert: a.alert, durationMs: ms, comment: comment.trim() });
  if (r.error) { void vscode.window.showErrorMessage(`Runbook: ${a.alert} was not silenced: ${r.error}`); return r; }
  record({ environment: a.env, action: 'created', id: r.id!, matchers: r.matchers ?? [], endsAt: r.endsAt, comment: comment.trim(), ranBy: r.ranBy }, a.uri);
  void vscode.window.showInformationMessage(`Runbook: ${a.alert} silenced in ${a.env} until ${new Date(r.endsAt!).toLocaleString()} (silence ${r.id}).`);
  return r;
}

async function expire(client: LanguageClient, a: ExpireLensArgs, record: RecordSilence): Promise<SilenceResult | undefined> {
  const where = a.protected ? `protected environment ${a.env}` : a.env;
  const cancel: vscode.QuickPickItem = { label: '$(close) Cancel', description: 'keep the silence' };
  const go: vscode.QuickPickItem = {
    label: `${a.protected ? '$(warning)' : '$(bell)'} Expire ${a.silences.length === 1 ? 'the silence' : `${a.silences.length} silences`} in ${where}`,
    description: `${a.alert} alerts notify again`,
    detail: a.silences.map((s) => `until ${new Date(s.endsAt).toLocaleString()} by ${s.createdBy}: “${s.comment}”`).join(' · '),
  };
  const picked = a.confirm !== undefined ? (a.confirm === a.env ? go : cancel)
    : await vscode.window.showQuickPick([cancel, go], { title: `Runbook: expire the silence of ${a.alert} in ${where}?`, ignoreFocusOut: true });
  if (picked !== go) return undefined;
  const r = await client.sendRequest<SilenceResult>(ALERT_REQUESTS.expire, { env: a.env, ids: a.silences.map((s) => s.id) });
  if (r.error) { void vscode.window.showErrorMessage(`Runbook: the silence was not expired: ${r.error}`); return r; }
  for (const x of a.silences) record({ environment: a.env, action: 'expired', id: x.id, matchers: x.matchers ?? [], comment: x.comment, ranBy: r.ranBy }, a.uri);
  void vscode.window.showInformationMessage(`Runbook: the silence of ${a.alert} in ${a.env} has expired.`);
  return r;
}

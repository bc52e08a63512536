// The questions a run asks: a value for each placeholder, and the engine's confirmations as modals.
// Commands may carry the answers (`values`, `confirm`), which is how tests and keybindings drive a
// run without clicking; a person without them gets the input boxes and modals.
import * as vscode from 'vscode';
import { confirmationSatisfied, type Confirmation } from '../../../server/src/run/guardrails';
import { isSecretName, type PlaceholderValueStore } from '../../../server/src/run/substitute';
import { todayFor } from '../../../server/src/run/datePlaceholder';
import type { PlanStep } from '../../../server/src/lsp/features/runPlan';

/** Last value per (environment, placeholder name), kept in workspace state (secret-named ones never are). */
export function mementoValueStore(state: vscode.Memento): PlaceholderValueStore {
  const KEY = 'runbook.placeholderValues';
  const all = () => state.get<Record<string, string>>(KEY) ?? {};
  return {
    get: (env, name) => all()[`${env}\0${name}`],
    set: (env, name, value) => void state.update(KEY, { ...all(), [`${env}\0${name}`]: value }),
  };
}

/** A placeholder's choices: the command (shown before it runs), where it runs, and running it. */
export interface ChoiceSource { command: string; where: string; list: () => Promise<string[]> }

/** Asks for every placeholder and unresolved variable of a step; undefined when the user cancels. */
export async function askValues(step: PlanStep, env: string, store: PlaceholderValueStore, given?: Record<string, string>, choices?: (name: string) => ChoiceSource | undefined): Promise<Record<string, string> | undefined> {
  const asks = [
    ...step.placeholders.map(p => ({ name: p.name, shown: p.texts.join(', ') })),
    ...step.variables.map(v => ({ name: v, shown: `$${v}` })),
  ];
  const values: Record<string, string> = {};
  for (const a of asks) {
    if (given && a.name in given) { values[a.name] = given[a.name]; continue; }
    const secret = isSecretName(a.name);
    const source = secret ? undefined : choices?.(a.name);
    if (source) {
      const picked = await pickChoice(source, `Runbook: step ${step.step} on "${env}": ${a.shown}`);
      if (picked === undefined) return undefined;
      if (picked !== OTHER) { values[a.name] = picked; continue; }
    }
    const value = await vscode.window.showInputBox({
      title: `Runbook: step ${step.step} on "${env}"`,
      prompt: `Value for ${a.shown}. It is quoted for the shell, so type it as plain text.${secret ? ' It is masked in the output and the run record, and not remembered.' : ''}`,
      // A date placeholder gets today's date, not the one remembered from the last incident.
      value: secret ? undefined : todayFor(a.name) ?? store.get(env, a.name),
      password: secret,
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    values[a.name] = value;
  }
  return values;
}

const OTHER = '\0other';

/**
 * A quick pick that names the command and where it runs before its lines arrive (busy meanwhile);
 * "Type another value…" falls back to the input box. A failure is shown in the pick itself.
 */
function pickChoice(source: ChoiceSource, title: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
    const other = { label: '$(edit) Type another value…', value: OTHER, alwaysShow: true };
    qp.title = title;
    qp.placeholder = `Choices from \`${source.command}\` (read-only) on ${source.where}`;
    qp.ignoreFocusOut = true;
    qp.busy = true;
    qp.items = [other];
    let done = false;
    const finish = (v: string | undefined) => { if (done) return; done = true; resolve(v); qp.dispose(); };
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.value));
    qp.onDidHide(() => finish(undefined));
    qp.show();
    source.list().then(
      (lines) => { qp.items = [...lines.map((l) => ({ label: l, value: l })), other]; },
      (e: Error) => { qp.items = [{ label: `$(error) ${e.message}`, value: OTHER }, other]; },
    ).finally(() => { qp.busy = false; });
  });
}

/**
 * Shows a confirmation from the engine's guardrails. `given` (a command argument) answers it
 * without a modal: it must be the environment's name, whatever the level.
 */
export async function confirm(c: Confirmation, envName: string, given?: string): Promise<boolean> {
  if (given !== undefined) return given === envName && confirmationSatisfied(c, c.level === 'type-name' ? given : true);
  const modal = { modal: true, detail: c.detail };
  switch (c.level) {
    case 'review':
      return (await vscode.window.showInformationMessage(c.title, modal, 'Run')) === 'Run';
    case 'modal':
      return (await vscode.window.showWarningMessage(c.title, modal, 'Run')) === 'Run';
    case 'light':
      return confirmDangerous(c);
    case 'type-name': {
      const go = await vscode.window.showWarningMessage(c.title, modal, 'Type the name to run…');
      if (!go) return false;
      const typed = await vscode.window.showInputBox({
        title: c.title,
        prompt: `Type "${c.expected}" to run this dangerous step on a protected environment.`,
        ignoreFocusOut: true,
        validateInput: v => (v.trim() === c.expected || !v ? undefined : `Type exactly "${c.expected}".`),
      });
      return typed !== undefined && confirmationSatisfied(c, typed);
    }
  }
}

/**
 * A dangerous step: a modal dialog focuses its first button (Run), so Enter would run it. This
 * list has Cancel first and selected, so Enter, Escape and a click elsewhere all leave it unrun.
 */
async function confirmDangerous(c: Confirmation): Promise<boolean> {
  const reasons = c.detail.split('\n\n')[0].replace(/^• /gm, '').split('\n').join('; ');
  const cancel: vscode.QuickPickItem = { label: '$(close) Cancel', description: 'do not run this step' };
  const run: vscode.QuickPickItem = { label: '$(warning) Run it', description: reasons, detail: oneLine(c.command) };
  const picked = await vscode.window.showQuickPick([cancel, run], { title: `Runbook: ${c.title}`, placeHolder: `Dangerous: ${reasons}`, ignoreFocusOut: true });
  return picked === run;
}

function oneLine(command: string): string {
  const lines = command.split('\n').filter(l => l.trim());
  return lines.length > 1 ? `${lines[0]}  … (+${lines.length - 1} lines)` : lines[0] ?? '';
}

// "Fill in <PAYOUT_ID>…": the quick fix the server offers on a placeholder. It asks for the value
// (a date template starts with today's date) and replaces every occurrence in that block.
import * as vscode from 'vscode';
import { FILL_PLACEHOLDER_COMMAND, type FillPlaceholderArgs } from '../../../server/src/lsp/features/codeActionsProtocol';

/** `YYYYMMDD`, `YYYY-MM-DD`, `DD.MM.YY`: today's date in that shape; otherwise nothing. */
export function todayAs(template: string, now = new Date()): string | undefined {
  if (!/^(YYYY|YY|MM|DD|[-_./])+$/.test(template) || !/DD/.test(template)) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return template
    .replace('YYYY', String(now.getFullYear()))
    .replace('YY', pad(now.getFullYear() % 100))
    .replace('MM', pad(now.getMonth() + 1))
    .replace('DD', pad(now.getDate()));
}

export function registerFillPlaceholder(): vscode.Disposable {
  return vscode.commands.registerCommand(FILL_PLACEHOLDER_COMMAND, async (args: FillPlaceholderArgs, given?: string) => {
    const value = given ?? await vscode.window.showInputBox({
      title: `Runbook: fill in ${args.text}`,
      prompt: `The value to write in place of ${args.text}${args.ranges.length > 1 ? ` (${args.ranges.length} places in this block)` : ''}.`,
      value: todayAs(args.text),
      validateInput: v => (v.trim() ? undefined : 'Type a value, or press Escape.'),
    });
    if (value === undefined || !value.trim()) return false;
    const edit = new vscode.WorkspaceEdit();
    const uri = vscode.Uri.parse(args.uri);
    for (const r of args.ranges) edit.replace(uri, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), value);
    return vscode.workspace.applyEdit(edit);
  });
}

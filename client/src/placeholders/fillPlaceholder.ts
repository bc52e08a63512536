// "Fill in <PAYOUT_ID>…": the quick fix the server offers on a placeholder. It asks for the value
// (a date template starts with today's date) and replaces every occurrence in that block.
import * as vscode from 'vscode';
import { fillDateTemplate } from '../../../server/src/shell/dateTemplate';
import { FILL_PLACEHOLDER_COMMAND, type FillPlaceholderArgs } from '../../../server/src/lsp/features/codeActionsProtocol';

export function registerFillPlaceholder(): vscode.Disposable {
  return vscode.commands.registerCommand(FILL_PLACEHOLDER_COMMAND, async (args: FillPlaceholderArgs, given?: string) => {
    const value = given ?? await vscode.window.showInputBox({
      title: `Runbook: fill in ${args.text}`,
      prompt: `The value to write in place of ${args.text}${args.ranges.length > 1 ? ` (${args.ranges.length} places in this block)` : ''}.`,
      value: fillDateTemplate(args.text),
      validateInput: v => (v.trim() ? undefined : 'Type a value, or press Escape.'),
    });
    if (value === undefined || !value.trim()) return false;
    const edit = new vscode.WorkspaceEdit();
    const uri = vscode.Uri.parse(args.uri);
    for (const r of args.ranges) edit.replace(uri, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), value);
    return vscode.workspace.applyEdit(edit);
  });
}

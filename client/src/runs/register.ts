// The Runs view's commands: open a run's kept output, jump to its step, run it again (through
// the run commands, so trust, protected-environment confirmation and dangerous-step prompts are
// the same as from a lens), and export the incident report for a selection.
import * as vscode from 'vscode';
import { reportScope } from '../../../server/src/runs/groups';
import type { RunPlan } from '../../../server/src/lsp/features/runPlan';
import { RUN_PLAN_REQUEST } from '../../../server/src/lsp/features/runProtocol';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RunHistory } from '../run/history';
import { RUNS_VIEW_ID, RunsTree, runsUnder, type RunsNode } from './view';

/** The incident report command (server/src/report/ behind it), when this build has it. */
export const EXPORT_REPORT_COMMAND = 'runbook.exportIncidentReport';

export function registerRunsView(context: vscode.ExtensionContext, client: LanguageClient, history: RunHistory, appended: vscode.Event<void>): vscode.Disposable {
  const tree = new RunsTree(context.globalStorageUri);
  const view = vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: true });
  // From a menu the node comes as the argument; from a keybinding, the view's selection.
  const runOf = (node?: RunsNode) => [node, ...view.selection].flatMap(n => n?.kind === 'run' ? [n.entry.record] : [])[0];
  const runbookUri = (runbook: string) => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, runbook) : undefined;
  };

  /** Where the run's block is now: by its block index, else by its step number. */
  async function locate(record: { runbook: string; block: number; step?: number }): Promise<{ uri: vscode.Uri; index: number; line: number } | string> {
    const uri = runbookUri(record.runbook);
    if (!uri) return 'Open the workspace the run was recorded in to find its runbook.';
    try { await vscode.workspace.fs.stat(uri); } catch { return `${record.runbook} is not in this workspace any more.`; }
    await vscode.workspace.openTextDocument(uri); // the server plans only for documents it has
    const plan = await client.sendRequest<RunPlan>(RUN_PLAN_REQUEST, { uri: uri.toString(), scope: 'all' });
    if ('error' in plan) return plan.error;
    const step = plan.steps.find(s => s.index === record.block) ?? plan.steps.find(s => s.step === record.step);
    return step ? { uri, index: step.index, line: step.line } : `Step ${record.step ?? record.block + 1} is no longer in ${record.runbook}.`;
  }

  const say = (message: string) => { void vscode.window.showInformationMessage(`Runbook: ${message}`); return { message }; };

  return vscode.Disposable.from(
    tree, view, appended(() => tree.refreshSoon()),
    // Returns what the view shows (for tests and other extensions), after reading the records.
    vscode.commands.registerCommand('runbook.runs.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('runbook.runs.openOutput', async (node?: RunsNode) => {
      const r = runOf(node);
      return r ? { opened: await history.open(r) } : say('Choose a run in the Runs view.');
    }),
    vscode.commands.registerCommand('runbook.runs.goToStep', async (node?: RunsNode) => {
      const r = runOf(node);
      if (!r) return say('Choose a run in the Runs view.');
      const at = await locate(r);
      if (typeof at === 'string') return say(at);
      const pos = new vscode.Position(at.line, 0);
      const editor = await vscode.window.showTextDocument(at.uri, { selection: new vscode.Range(pos, pos) });
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return { uri: at.uri.toString(), line: at.line };
    }),
    vscode.commands.registerCommand('runbook.runs.rerun', async (node?: RunsNode) => {
      const r = runOf(node);
      if (!r) return say('Choose a run in the Runs view.');
      const at = await locate(r);
      if (typeof at === 'string') return say(at);
      // The step as it is now, on the environment it ran on, through the Run command's guardrails.
      return vscode.commands.executeCommand('runbook.runBlock', { uri: at.uri.toString(), index: at.index, env: r.environment });
    }),
    // `extra` (e.g. `target`, where to save) goes through to the report command: scripts and tests.
    vscode.commands.registerCommand('runbook.runs.exportReport', async (node?: RunsNode, selected?: RunsNode[], extra?: { target?: string }) => {
      const nodes = selected?.length ? selected : node ? [node] : [...view.selection];
      const records = [...new Map(nodes.flatMap(runsUnder).map(e => [e.position, e.record])).values()];
      const scope = reportScope(records);
      if (!scope) return say('Select the runs to report on in the Runs view.');
      if (!(await vscode.commands.getCommands(true)).includes(EXPORT_REPORT_COMMAND)) {
        return { ...say('Export Incident Report is not available in this version of the extension.'), scope };
      }
      return vscode.commands.executeCommand(EXPORT_REPORT_COMMAND, { ...scope, ...(typeof extra?.target === 'string' ? { target: extra.target } : {}) });
    }),
  );
}

// "Runbook: Chart PromQL Step": the Chart lens and the command palette open (or reveal) the
// step's chart panel; choosing another environment redraws every open chart in it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Environments } from '../environments/environments';
import { RUN_PLAN_REQUEST } from '../../../server/src/lsp/features/runProtocol';
import type { RunPlan } from '../../../server/src/lsp/features/runPlan';
import type { DrawReport } from './messages';
import { CHART_VIEW_TYPE, ChartPanel, titleOf, type ChartTarget } from './panel';

export interface ShowChartArgs { uri?: string; index?: number; step?: number }
/** What the command returns once the page has drawn (undefined after 20 s without a draw). */
export interface ShowChartResult { title: string; drawn?: DrawReport }

export function registerChart(context: vscode.ExtensionContext, client: LanguageClient, envs: Environments): vscode.Disposable {
  // Found by their target as it is now: a chart follows its step when edits move it.
  const panels = new Set<ChartPanel>();

  async function targetOf(args: ShowChartArgs): Promise<ChartTarget | string> {
    if (args.uri && typeof args.index === 'number') return { uri: args.uri, index: args.index, step: args.step ?? args.index + 1 };
    const editor = vscode.window.activeTextEditor;
    if (!editor) return 'Open a runbook and put the cursor in a PromQL step to chart it.';
    const uri = editor.document.uri.toString();
    const plan = await client.sendRequest<RunPlan>(RUN_PLAN_REQUEST, { uri, scope: 'block', line: editor.selection.active.line });
    const step = 'steps' in plan ? plan.steps[0] : undefined;
    if (!step || step.lang !== 'promql') return 'Put the cursor in a PromQL step to chart it.';
    return { uri, index: step.index, step: step.step };
  }

  const show = async (args: ShowChartArgs = {}): Promise<ShowChartResult | undefined> => {
    const target = await targetOf(args);
    if (typeof target === 'string') { void vscode.window.showInformationMessage(`Runbook: ${target}`); return undefined; }
    let chart = [...panels].find(p => p.target.uri === target.uri && p.target.index === target.index);
    if (chart) {
      chart.panel.reveal(undefined, true);
      if (chart.lastDrawn) return { title: chart.panel.title, drawn: chart.lastDrawn };
    } else {
      const panel = vscode.window.createWebviewPanel(CHART_VIEW_TYPE, titleOf(target.step, envs.current.name), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
      const created: ChartPanel = new ChartPanel(panel, { ...target }, client, context.extensionUri, () => panels.delete(created));
      panels.add(created);
      chart = created;
    }
    const drawn = await chart.nextDraw(20_000);
    return { title: chart.panel.title, drawn: drawn ?? chart.lastDrawn };
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('runbook.showChart', show),
    envs.onDidChange(() => { for (const p of panels) void p.refresh(); }),
    { dispose: () => { for (const p of [...panels]) p.panel.dispose(); } },
  );
}

// One chart panel per PromQL step: asks the server for the step's series (`runbook/chartData`)
// and hands them to the webview, which draws them. The webview keeps its range, auto-refresh
// and last chart with getState/setState, so a hidden panel holds no live page (no
// retainContextWhenHidden) and asks Prometheus nothing until it is shown again.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHART_DATA_REQUEST, type ChartDataParams, type ChartDataResult } from '../../../server/src/lsp/features/chartProtocol';
import type { DrawReport, FromView, ToView } from './messages';
import { chartHtml } from './html';

export const CHART_VIEW_TYPE = 'runbook.chart';

export interface ChartTarget { uri: string; index: number; step: number; bodyHash?: string }

export class ChartPanel implements vscode.Disposable {
  private range = '1h';
  private last?: ChartDataResult;
  private seq = 0;
  private readonly drawnWaiters: ((r: DrawReport) => void)[] = [];
  lastDrawn?: DrawReport;
  private readonly disposables: vscode.Disposable[] = [];

  private edited?: ReturnType<typeof setTimeout>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: ChartTarget,
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')] };
    const nonce = randomBytes(16).toString('base64');
    webview.html = chartHtml({
      cspSource: webview.cspSource, nonce,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'chartView.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'chartView.css')).toString(),
      title: panel.title, heading: `Chart · step ${target.step}`, range: this.range, autoRefreshS: 30,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: FromView) => this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      // The chart follows the step's text: redrawn a moment after the runbook is edited.
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document.uri.toString() !== target.uri || !e.contentChanges.length) return;
        clearTimeout(this.edited);
        this.edited = setTimeout(() => void this.refresh(), 1500);
      }),
    );
  }

  /** The next draw report (or the current one when the page has drawn since `after`). */
  nextDraw(timeoutMs: number): Promise<DrawReport | undefined> {
    return new Promise(resolve => {
      const t = setTimeout(() => resolve(undefined), timeoutMs);
      this.drawnWaiters.push(r => { clearTimeout(t); resolve(r); });
    });
  }

  /** Asks the server again (range change, refresh, another environment chosen). */
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    void this.post({ type: 'loading' });
    let result: ChartDataResult;
    try {
      const { uri, index, bodyHash } = this.target;
      result = await this.client.sendRequest<ChartDataResult>(CHART_DATA_REQUEST, { uri, index, bodyHash, range: this.range } satisfies ChartDataParams);
    } catch (e) {
      result = { error: `The chart could not be fetched: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (seq !== this.seq) return; // a newer request (another range) is on its way
    this.last = result;
    if (!('error' in result)) Object.assign(this.target, { index: result.index, step: result.step, bodyHash: result.bodyHash });
    this.panel.title = titleOf(this.target.step, result.env);
    void this.post({ type: 'data', result });
  }

  private receive(m: FromView): void {
    switch (m?.type) {
      case 'ready': this.range = typeof m.range === 'string' ? m.range : this.range; void this.refresh(); break;
      case 'range': this.range = String(m.range); void this.refresh(); break;
      case 'refresh': void this.refresh(); break;
      case 'open': {
        // Only a link the server made for this chart: the page cannot send the editor elsewhere.
        const known = this.last && !('error' in this.last) && this.last.queries.some(q => q.graphUrl === m.url);
        if (known) void vscode.env.openExternal(vscode.Uri.parse(m.url, true));
        break;
      }
      case 'drawn':
        this.lastDrawn = m.report;
        for (const w of this.drawnWaiters.splice(0)) w(m.report);
        break;
    }
  }

  private post(m: ToView): Thenable<boolean> { return this.panel.webview.postMessage(m); }

  dispose(): void {
    clearTimeout(this.edited);
    this.onDispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function titleOf(step: number, env?: string): string {
  return `Chart · step ${step}${env ? ` · ${env}` : ''}`;
}

// The chart panel in the real editor: the Chart lens of a PromQL step opens a webview that draws
// the step's series from a real Prometheus (its page reports what it drew: series, legend
// entries, pixels of the first line's colour on the canvas).
import * as assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';

interface ShowChartResult { title: string; drawn?: { env?: string; error?: string; series: number; legend: string[]; linePixels: number } }

suite('Chart panel', () => {
  let prom: RunningPrometheus | undefined;
  suiteSetup(async function () {
    if (!prometheusAvailable()) this.skip();
    prom = await startPrometheus();
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'local' });
    await prom?.stop();
  });
  teardown(closeAllEditors);

  test('the Chart lens of a PromQL step opens a panel that draws its series from the chosen environment', async () => {
    const editor = await openFixture('metrics.md');
    await runbookApi();
    appendFileSync(fixtureUri('.runbook/environments.yaml').fsPath, `  charted:\n    prometheus: ${prom!.url}\n`);
    await waitFor('the charted environment', async () =>
      (await vscode.commands.executeCommand<string | undefined>('runbook.pickEnvironment', { name: 'charted' })) === 'charted');
    const lens = await waitFor('a Chart lens', async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? []).find(l => l.command?.title === '$(graph-line) Chart'));
    assert.equal(editor.document.lineAt(lens.range.start.line).text, '```promql', 'on the PromQL fence');
    const result = await vscode.commands.executeCommand<ShowChartResult>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.ok(result?.drawn, 'the page drew within 20 s');
    const drawn = result.drawn;
    assert.equal(drawn.error, undefined);
    assert.equal(drawn.env, 'charted');
    assert.match(result.title, /^Chart · step 1 · charted$/);
    assert.ok(drawn.series >= 2, `one series per route of the exporter: ${JSON.stringify(drawn)}`);
    assert.ok(drawn.legend.length >= 2 && drawn.legend.every(l => /^route="\//.test(l)), `legend shortened to the route: ${drawn.legend.join(' | ')}`);
    assert.ok(drawn.linePixels > 50, `the first line is on the canvas: ${drawn.linePixels} pixels`);
    const tab = vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.input instanceof vscode.TabInputWebview && t.label === result.title);
    assert.ok(tab, 'the panel is open as a tab');

    // A step added above: the chart follows its query (now step 2) instead of charting another block.
    assert.ok(await editor.edit(b => b.insert(new vscode.Position(lens.range.start.line, 0), '```bash\necho above\n```\n\n')));
    await waitFor('the chart to follow its step', () =>
      vscode.window.tabGroups.all.flatMap(g => g.tabs).some(t => t.input instanceof vscode.TabInputWebview && t.label === 'Chart · step 2 · charted'),
    { describe: () => vscode.window.tabGroups.all.flatMap(g => g.tabs).map(t => t.label).join(' | ') });
  });
});

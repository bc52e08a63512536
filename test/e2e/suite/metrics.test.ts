// PromQL checks and live metrics in the real editor: a PromQL error is reported and clears when
// the text is fixed, and hovering a metric shows its live value from a real Prometheus.
import * as assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';

const FIXTURE = 'metrics.md';

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap(h => h.contents).map(c => typeof c === 'string' ? c : 'value' in c ? c.value : '').join('\n');
}

suite('PromQL diagnostics', () => {
  teardown(closeAllEditors);

  test('a PromQL error appears on the `for` keyword and clears when the text is fixed', async () => {
    const editor = await openFixture(FIXTURE);
    await runbookApi();
    const doc = editor.document;
    const line = doc.getText().split('\n').findIndex(l => l.includes('for 3 epochs'));
    const diag = await waitFor('a promql/syntax diagnostic', () =>
      vscode.languages.getDiagnostics(doc.uri).find(d => String(typeof d.code === 'object' ? d.code.value : d.code) === 'promql/syntax'),
    { describe: () => JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map(d => [d.code, d.message])) });
    assert.equal(diag.range.start.line, line);
    assert.equal(doc.getText(diag.range), 'for');
    assert.match(diag.message, /alert rule's `for:` field/);
    const start = doc.lineAt(line).text.indexOf(' for 3 epochs');
    assert.ok(await editor.edit(b => b.delete(new vscode.Range(line, start, line, doc.lineAt(line).text.length))));
    await waitFor('the promql/syntax diagnostic to clear', () =>
      !vscode.languages.getDiagnostics(doc.uri).some(d => String(typeof d.code === 'object' ? d.code.value : d.code) === 'promql/syntax'));
  });
});

suite('Live metrics', () => {
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

  test('hovering a metric shows its live value, HELP/TYPE and trend from the chosen environment', async () => {
    const editor = await openFixture(FIXTURE);
    await runbookApi();
    appendFileSync(fixtureUri('.runbook/environments.yaml').fsPath, `  live:\n    prometheus: ${prom!.url}\n`);
    await waitFor('the live environment', async () =>
      (await vscode.commands.executeCommand<string | undefined>('runbook.pickEnvironment', { name: 'live' })) === 'live');
    const line = editor.document.getText().split('\n').findIndex(l => l.startsWith('Requests:'));
    const pos = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('runbook_demo') + 3);
    const text = await waitFor('a live hover', async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos));
      return /Requests served by the demo service/.test(t) ? t : undefined;
    });
    assert.match(text, /counter/i);
    assert.match(text, /\blive\b/, 'names the environment');
    assert.match(text, /data:image\/svg\+xml/, 'trend chart');
  });
});

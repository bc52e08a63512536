// Run lenses in the real editor: one set per runnable block, naming the environment, and none at
// all when the workspace is untrusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';

/** Lines of the fixture's runnable fences (bash, promql); the ```text block is output, not a step. */
function runnableFenceLines(doc: vscode.TextDocument): number[] {
  return doc.getText().split('\n').flatMap((l, i) => /^```(bash|promql)$/.test(l) ? [i] : []);
}

async function lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
}

suite('Run lenses', () => {
  teardown(closeAllEditors);

  test('every runnable block, and nothing else, has a Run lens naming the environment', async () => {
    const { document } = await openFixture('checkout-latency.md');
    await runbookApi();
    const runnable = runnableFenceLines(document);
    assert.equal(runnable.length, 4, 'fixture has 3 bash blocks and 1 promql block');
    const runLenses = await waitFor('Run lenses', async () => {
      const found = (await lenses(document)).filter(l => l.command?.title.startsWith('▶ Run'));
      return found.length ? found : undefined;
    });
    assert.deepEqual(runLenses.map(l => l.range.start.line), runnable, 'one Run lens per bash/promql fence, none on the text block');
    // No environments file in the fixture workspace: the default environment.
    assert.deepEqual(runLenses.map(l => l.command?.title), runnable.map((_, i) => `▶ Run step ${i + 1} on local`));
  });
});

suite('Run lenses [untrusted]', () => {
  teardown(closeAllEditors);

  test('an untrusted workspace shows no Run lens', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const { document } = await openFixture('checkout-latency.md');
    // Wait until the server has analysed the document (its outline has the steps), so an empty
    // lens list means "refused", not "not ready yet".
    const api = await runbookApi();
    await waitFor('the Runbook outline', async () => {
      const symbols = await api.client.sendRequest<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: document.uri.toString() } });
      return symbols?.some(s => s.name === 'Checkout latency is high');
    });
    const titles = (await lenses(document)).map(l => l.command?.title ?? '');
    assert.deepEqual(titles.filter(t => /Run/.test(t)), [], 'no Run lens in Restricted Mode');
  });
});

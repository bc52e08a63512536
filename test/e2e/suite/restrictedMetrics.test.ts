// In Restricted Mode the environments file belongs to an untrusted repository: live metrics must
// never resolve credentials for it (else a cloned repo could point an environment at its own host
// and collect the user's stored token by being hovered).
import * as assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap(h => h.contents).map(c => typeof c === 'string' ? c : 'value' in c ? c.value : '').join('\n');
}

suite('Live metrics [untrusted]', () => {
  teardown(closeAllEditors);

  test('an environment with credentials gets no credentials in Restricted Mode', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const editor = await openFixture('metrics.md');
    await runbookApi();
    appendFileSync(fixtureUri('.runbook/environments.yaml').fsPath,
      '  secured:\n    secrets: [PROM_TOKEN]\n    prometheus:\n      url: http://127.0.0.1:9\n      auth:\n        bearer: PROM_TOKEN\n');
    await waitFor('the secured environment', async () =>
      (await vscode.commands.executeCommand<string | undefined>('runbook.pickEnvironment', { name: 'secured' })) === 'secured');
    const line = editor.document.getText().split('\n').findIndex(l => l.startsWith('Requests:'));
    const pos = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('runbook_demo') + 3);
    const text = await waitFor('the hover', async () =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos)) || undefined);
    assert.match(text, /not trusted/);
    assert.match(text, /secured/);
  });
});

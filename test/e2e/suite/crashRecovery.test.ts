// If the language server process dies, the client restarts it (vscode-languageclient's policy) and
// the open runbooks are analysed again: checks keep following the user's edits.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';

const codeOf = (d: vscode.Diagnostic) => typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');

suite('Server crash recovery', () => {
  teardown(closeAllEditors);

  test('a killed server is restarted and re-analyses the open runbook', async () => {
    const api = await runbookApi();
    const editor = await openFixture('broken-fence.md');
    const doc = editor.document;
    await waitFor('the unclosed-fence error', () => vscode.languages.getDiagnostics(doc.uri).some(d => codeOf(d) === 'markdown/unclosed-fence'));
    const before = await api.client.sendRequest<{ pid: number }>('runbook/serverInfo');
    process.kill(before.pid, 'SIGKILL');

    const after = await waitFor('a new server process', async () => {
      try {
        const info = await api.client.sendRequest<{ pid: number }>('runbook/serverInfo');
        return info.pid !== before.pid ? info : undefined;
      } catch {
        return undefined; // still restarting
      }
    }, { limitMs: 60_000 });
    assert.notEqual(after.pid, before.pid);
    await waitFor('the error to be reported again by the new server', () =>
      vscode.languages.getDiagnostics(doc.uri).some(d => codeOf(d) === 'markdown/unclosed-fence'));

    // The new server follows edits: closing the fence clears the error.
    const line = doc.getText().split('\n').findIndex(l => l.startsWith('./scripts/drain-queue.sh'));
    assert.ok(await editor.edit(b => b.insert(new vscode.Position(line + 1, 0), '```\n')));
    await waitFor('the error to clear after the fix', () =>
      !vscode.languages.getDiagnostics(doc.uri).some(d => codeOf(d) === 'markdown/unclosed-fence'));
  });
});

// The packaged extension, not the dev tree: run.mjs builds the .vsix (npm run package), installs it
// into the editor's extensions folder, and loads only a code-less harness as the dev extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';

suite('Installed .vsix [vsix]', () => {
  teardown(closeAllEditors);

  test('the installed package activates on Markdown and its bundled server checks the runbook', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    // Installed extensions live in <extensions-dir>/<publisher>.<name>-<version>; the dev tree would not.
    assert.match(ext.extensionPath, /[\\/]runbook-dev\.runbook-\d+\.\d+\.\d+$/, 'loaded from the installed package');
    const editor = await openFixture('broken-fence.md');
    await waitFor('the installed extension to activate', () => ext.isActive);
    const api = await runbookApi();
    assert.ok(api.client.isRunning(), 'the packaged language server is running');
    // The server bundle includes the ESM-only Markdown parser: a diagnostic proves it loads and runs.
    await waitFor('an unclosed-fence diagnostic from the packaged server', () =>
      vscode.languages.getDiagnostics(editor.document.uri).some(d =>
        (typeof d.code === 'object' ? d.code.value : d.code) === 'markdown/unclosed-fence'));
  });
});

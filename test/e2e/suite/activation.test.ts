// The extension in the real editor: it activates on Markdown, its language server starts, and the
// server's results reach the editor through the VS Code API (diagnostics), and the outline is one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';

const UNCLOSED_FENCE = 'markdown/unclosed-fence';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

function findSymbol(symbols: vscode.DocumentSymbol[], match: (s: vscode.DocumentSymbol) => boolean): vscode.DocumentSymbol | undefined {
  for (const s of symbols) {
    if (match(s)) return s;
    const inner = findSymbol(s.children ?? [], match);
    if (inner) return inner;
  }
  return undefined;
}

suite('Extension activation and language server', () => {
  teardown(closeAllEditors);

  test('activates when a Markdown runbook is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed in the test editor`);
    await openFixture('checkout-latency.md');
    // No explicit activate() here: only the onLanguage:markdown event can have started it.
    await waitFor('the extension to activate', () => ext.isActive);
  });

  test('the language client starts the Runbook server', async () => {
    const api = await runbookApi();
    assert.ok(api.client.isRunning(), 'language client is running');
    assert.equal(api.client.initializeResult?.serverInfo?.name, 'runbook');
  });

  test('the workspace is trusted in the main pass', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  test('one outline: Markdown\'s headings, once; the server\'s own outline stays out of VS Code', async () => {
    const editor = await openFixture('checkout-latency.md');
    const api = await runbookApi();
    const uri = editor.document.uri.toString();
    // The server has analysed the document (its own outline, asked for directly, has the steps).
    await waitFor('the server outline', async () => {
      const own = await api.client.sendRequest<{ kind: number; children?: unknown[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
      return own?.length ? own : undefined;
    });
    const symbols = await waitFor('the outline', async () => {
      const all = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      return all?.length ? all : undefined;
    });
    const named = (name: string) => {
      const out: vscode.DocumentSymbol[] = [];
      const walk = (list: vscode.DocumentSymbol[]) => { for (const s of list) { if (s.name.replace(/^#+\s*/, '') === name) out.push(s); walk(s.children ?? []); } };
      walk(symbols);
      return out;
    };
    assert.equal(named('Diagnose').length, 1, 'the section is in the outline once, not once per provider');
    assert.equal(findSymbol(symbols, s => s.kind === vscode.SymbolKind.Function), undefined, 'no second, Runbook outline');
    assert.equal(named('Recent deploys').length, 1);
  });

  test('an unclosed fence is reported, and the report clears when an edit closes it', async () => {
    const editor = await openFixture('broken-fence.md');
    await runbookApi();
    const uri = editor.document.uri;
    const fenceLine = editor.document.getText().split('\n').indexOf('```bash');
    const found = await waitFor(`a ${UNCLOSED_FENCE} diagnostic`, () =>
      vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === UNCLOSED_FENCE));
    assert.equal(found.range.start.line, fenceLine, 'reported on the opening fence');

    const commandLine = fenceLine + 1;
    const fixed = await editor.edit(b => b.insert(new vscode.Position(commandLine + 1, 0), '```\n'));
    assert.ok(fixed, 'edit applied');
    await waitFor(`the ${UNCLOSED_FENCE} diagnostic to clear`, () =>
      !vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === UNCLOSED_FENCE),
    { describe: () => JSON.stringify(vscode.languages.getDiagnostics(uri).map(codeOf)) });
  });
});

suite('Restricted Mode [untrusted]', () => {
  teardown(closeAllEditors);

  test('the workspace is untrusted, and the extension still activates and checks', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass runs with workspace trust on and the folder untrusted');
    const editor = await openFixture('broken-fence.md');
    const api = await runbookApi();
    assert.ok(api.client.isRunning(), 'language client is running in Restricted Mode');
    await waitFor(`a ${UNCLOSED_FENCE} diagnostic in Restricted Mode`, () =>
      vscode.languages.getDiagnostics(editor.document.uri).some(d => codeOf(d) === UNCLOSED_FENCE));
  });
});

// LSP wiring only: capabilities, settings and the document store. Behaviour lives in features/.
import { TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { DocumentStore } from './documentStore';
import { features } from './features';
import { mergeSettings, type Settings } from '../analysis/settings';

export function startServer(connection: Connection): void {
  let settings: Settings = mergeSettings(undefined);
  const store = new DocumentStore(() => settings);
  const ctx = { connection, store, settings: () => settings };

  connection.onInitialize((params): InitializeResult => {
    settings = mergeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    const capabilities = Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...features.map(f => f.capabilities));
    return { capabilities, serverInfo: { name: 'runbook', version: '0.1.0' } };
  });
  connection.onDidChangeConfiguration(p => {
    const s = (p.settings as { runbook?: unknown } | undefined)?.runbook;
    if (s) { settings = mergeSettings(s); store.reanalyseAll(); }
  });
  for (const f of features) f.register(ctx);
  store.documents.listen(connection);
  connection.listen();
}

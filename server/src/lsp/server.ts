// LSP wiring only: capabilities, settings and the document store. Behaviour lives in features/.
import { TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { DocumentStore } from './documentStore';
import { features } from './features';
import { mergeSettings, type Settings } from '../analysis/settings';
import type { FeatureContext } from './featureContext';
import { reportShellcheckMissingOnce, stopShellcheck } from '../shell/shellcheck';
import { warmUp, warmUpModel } from './warmUp';

export function startServer(connection: Connection): void {
  let settings: Settings = mergeSettings(undefined);
  const store = new DocumentStore(() => settings, m => connection.console.error(m));
  let root: string | undefined;
  let initOptions: ReturnType<FeatureContext['initOptions']> = {};
  const ctx: FeatureContext = { connection, store, settings: () => settings, workspaceRoot: () => root, initOptions: () => initOptions };

  connection.onInitialize((params): InitializeResult => {
    initOptions = (params.initializationOptions ?? {}) as typeof initOptions;
    settings = mergeSettings((initOptions as { settings?: unknown }).settings);
    root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    // Not onInitialized: a connection has one handler per notification, and the index owns it.
    setImmediate(probeTools);
    // The analysis worker warms itself up; only analysis on this thread needs it here.
    setImmediate(() => { (store.offThread ? warmUpModel() : warmUp(settings)).catch(() => undefined); });
    const capabilities = Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...features.map(f => f.capabilities));
    return { capabilities, serverInfo: { name: 'runbook', version: '0.1.0' } };
  });
  // Said once in the log, never per keystroke: without ShellCheck everything else still works.
  const probeTools = () => { if (settings.shellcheck.enabled) void reportShellcheckMissingOnce(settings.shellcheck.path, m => connection.console.warn(m)); };
  connection.onDidChangeConfiguration(p => {
    const s = (p.settings as { runbook?: unknown } | undefined)?.runbook;
    if (s) { settings = mergeSettings(s); probeTools(); store.reanalyseAll(); }
  });
  // No answer is wanted after shutdown: checks still running are only load.
  connection.onShutdown(() => { store.shutdown(); stopShellcheck(); });
  for (const f of features) f.register(ctx);
  store.documents.listen(connection);
  connection.listen();
}

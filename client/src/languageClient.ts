// Starts the Runbook language server (dist/server.js) in its own Node process and connects the
// editor to it. All analysis lives in the server so that other editors get the same features
// through the `runbook-lsp` binary; this file only says where the server is and which documents
// it handles.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'runbook';
export const CLIENT_NAME = 'Runbook';

/** Markdown runbooks and standalone PromQL files, saved or not yet saved, and the environments file. */
export const documentSelector = [
  ...['file', 'untitled'].flatMap(scheme => ['markdown', 'promql'].map(language => ({ scheme, language }))),
  // The environments file, for its own diagnostics (server/src/lsp/features/environmentsFile.ts).
  { scheme: 'file', pattern: '**/.runbook/environments.yaml' },
];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // IPC: the server is forked with the extension host's own Node (Electron's in desktop VS Code,
  // the server's Node in remote/web hosts), so no separate Node install is needed.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    // Pushes `runbook.*` settings to the server (didChangeConfiguration) whenever they change.
    synchronize: { configurationSection: 'runbook' },
    // A function, so a restart sends the settings of that moment.
    // clientResolvesEnvironments: the server asks us for the chosen environment's Prometheus
    // (we hold its secrets) instead of reading the environments file itself.
    // fillPlaceholderCommand: we have `runbook.fillPlaceholder`, so the server may offer it.
    initializationOptions: () => ({ settings: vscode.workspace.getConfiguration('runbook'), clientResolvesEnvironments: true, fillPlaceholderCommand: true }),
    middleware: {
      // VS Code's own Markdown outline already lists the headings, and it cannot be turned off:
      // two outlines made the Outline view show two trees and the breadcrumb switch between them.
      // So in VS Code the server's outline stays out of Markdown files (other editors still get it,
      // and steps have their lenses). An empty answer drops this provider's group altogether.
      provideDocumentSymbols: (document, token, next) => (document.languageId === 'markdown' ? [] : next(document, token)),
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

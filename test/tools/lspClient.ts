// A minimal LSP client for tests and the benchmark: starts our server over real stdio and speaks
// JSON-RPC to it, so the tests see exactly what an editor sees.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-types';

const root = join(__dirname, '../..');

export interface LspSession {
  conn: MessageConnection;
  proc: ChildProcess;
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `pred`. */
  diagnostics(uri: string, pred?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, version: number, changes: unknown[]): void;
  stop(): Promise<void>;
}

export async function startServer(opts: { bundled?: boolean; initializationOptions?: unknown; env?: NodeJS.ProcessEnv } = {}): Promise<LspSession> {
  const args = opts.bundled ? [join(root, 'dist/server.js'), '--stdio'] : ['--import', 'tsx', join(root, 'server/src/lsp/main.ts'), '--stdio'];
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  proc.stderr!.on('data', () => { /* drained so the server never blocks on a full pipe */ });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p.diagnostics)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p.diagnostics); }
    }
  });
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: opts.initializationOptions });
  await conn.sendNotification('initialized', {});
  return {
    conn, proc,
    diagnostics(uri, pred = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, pred, resolve: d => { clearTimeout(t); resolve(d); } });
      });
    },
    open(uri, text, languageId = 'markdown') {
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, version, changes) {
      void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    },
    async stop() {
      try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* already gone */ }
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
    },
  };
}

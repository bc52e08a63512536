// A minimal LSP client for tests and the benchmark: starts our server over real stdio and speaks
// JSON-RPC to it, so the tests see exactly what an editor sees.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const root = join(__dirname, '../..');
const anyPublication = () => true;

export interface LspSession {
  conn: MessageConnection;
  proc: ChildProcess;
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `pred`. */
  diagnostics(uri: string, pred?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** The version of every publishDiagnostics for `uri` so far, in order (undefined: none given). */
  publishedVersions(uri: string): (number | undefined)[];
  open(uri: string, text: string, languageId?: string): void;
  change(uri: string, version: number, changes: unknown[]): void;
  stop(): Promise<void>;
}

export async function startServer(opts: { bundled?: boolean; initializationOptions?: unknown; env?: NodeJS.ProcessEnv; rootUri?: string } = {}): Promise<LspSession> {
  const args = opts.bundled ? [join(root, 'dist/server.js'), '--stdio'] : ['--import', 'tsx', join(root, 'server/src/lsp/main.ts'), '--stdio'];
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  proc.stderr!.on('data', () => { /* drained so the server never blocks on a full pipe */ });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const latest = new Map<string, Diagnostic[]>();
  const versions = new Map<string, (number | undefined)[]>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p.diagnostics);
    versions.set(p.uri, [...(versions.get(p.uri) ?? []), p.version]);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p.diagnostics)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p.diagnostics); }
    }
  });
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: opts.rootUri ?? null, workspaceFolders: opts.rootUri ? [{ uri: opts.rootUri, name: 'ws' }] : null, capabilities: {}, initializationOptions: opts.initializationOptions });
  await conn.sendNotification('initialized', {});
  return {
    conn, proc,
    publishedVersions: uri => versions.get(uri) ?? [],
    diagnostics(uri, pred = anyPublication, timeoutMs = 20_000) {
      // A predicate already met by the last publication resolves at once (it may have arrived
      // before the caller started waiting); without a predicate, wait for the next one.
      const last = latest.get(uri);
      if (pred !== anyPublication && last && pred(last)) return Promise.resolve(last);
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

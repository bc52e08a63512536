// A small LSP client over real stdio for the benchmark: ours and bash-language-server are driven
// exactly as an editor drives them, and every publishDiagnostics is seen with its version.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export interface SessionOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  rootUri?: string | null;
  initializationOptions?: unknown;
  /** Answers to workspace/configuration, per section. */
  configuration?: (section: string | undefined) => unknown;
}

type Progress = { token: string | number; value: { kind: string; message?: string } };

export class LspSession {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  /** What the server said it can do in its initialize result. */
  capabilities: Record<string, unknown> = {};
  private readonly diagWaiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly progressWaiters: ((p: Progress) => void)[] = [];

  private constructor(private readonly opts: SessionOptions) {
    this.proc = spawn(opts.command, opts.args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    this.proc.stderr!.on('data', () => undefined);
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      for (const w of [...this.diagWaiters]) {
        if (w.uri === p.uri && w.pred(p)) { this.diagWaiters.splice(this.diagWaiters.indexOf(w), 1); w.resolve(p); }
      }
    });
    this.conn.onNotification('$/progress', (p: Progress) => { for (const w of this.progressWaiters) w(p); });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(i => opts.configuration?.(i.section) ?? null));
    this.conn.onRequest('workspace/workspaceFolders', () => opts.rootUri ? [{ uri: opts.rootUri, name: 'bench' }] : null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onNotification('telemetry/event', () => undefined);
    this.conn.listen();
  }

  static async start(opts: SessionOptions): Promise<LspSession> {
    const s = new LspSession(opts);
    const folders = opts.rootUri ? [{ uri: opts.rootUri, name: 'bench' }] : null;
    const result = await s.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: opts.rootUri ?? null, workspaceFolders: folders,
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: opts.initializationOptions,
    }) as { capabilities?: Record<string, unknown> };
    s.capabilities = result?.capabilities ?? {};
    return s;
  }

  initialized(): Promise<void> { return this.conn.sendNotification('initialized', {}); }

  /** The next publishDiagnostics for `uri` that satisfies `pred` (versions are checked by callers). */
  diagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 120_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.diagWaiters.push({ uri, pred, resolve: p => { clearTimeout(t); resolve(p); } });
    });
  }

  /** Resolves when a work-done progress ends. */
  progressEnd(timeoutMs = 300_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no progress end within ${timeoutMs} ms`)), timeoutMs);
      this.progressWaiters.push(p => { if (p.value.kind === 'end') { clearTimeout(t); resolve(); } });
    });
  }

  open(uri: string, text: string, languageId: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Peak resident memory of the server process so far (Linux), in MB. */
  peakRssMb(): number {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch { return NaN; }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise(r => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch { /* already gone */ }
    if (this.proc.exitCode === null) await new Promise(r => { const t = setTimeout(r, 3000); this.proc.once('exit', () => { clearTimeout(t); r(undefined); }); });
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

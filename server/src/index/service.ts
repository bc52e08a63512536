// The workspace index behind the LSP: built in the background after `initialized`, with
// work-done progress, kept current from the client's file watcher and from open documents
// (whose unsaved text wins over the disk), and cached on disk between sessions.
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { FeatureContext } from '../lsp/featureContext';
import { WorkspaceIndex } from './workspaceIndex';
import { DiskCache } from './diskCache';
import { findRunbooks, indexPath, indexPaths } from './crawl';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { scanRunbook, scanRunbookSteps } from './lineScan';
import { RuleCatalog } from '../alertLinks/ruleCatalog';
import { indexRuleFile, indexRuleFiles, RULE_FILE } from '../alertLinks/ruleFiles';

/**
 * Rescans of open documents wait for a pause in typing, longer for big files, and run a slice at
 * a time (a 4.8 MB runbook's scan is about a second); index requests flush them first.
 */
const EDIT_DEBOUNCE_MS = 300;
const debounceFor = (length: number) => EDIT_DEBOUNCE_MS + Math.floor(length / 2_000);
const SLICE_MS = 10;
const SAVE_DEBOUNCE_MS = 5_000;
const FOLDERS_TIMEOUT_MS = 5_000;

export class IndexService {
  readonly index = new WorkspaceIndex();
  /** Alerting rules: the workspace's rule files, its runbooks' rule blocks (from the index), live ones. */
  readonly rules = new RuleCatalog(this.index);
  /** Absolute paths of the workspace folders, once known. */
  roots: string[] = [];
  /** Settles when the first full crawl has finished (or found nothing to do). */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private cache?: DiskCache;
  private readonly dirty = new Map<string, NodeJS.Timeout>();
  private saveTimer?: NodeJS.Timeout;

  constructor(private readonly ctx: FeatureContext) {
    this.ready = new Promise(resolve => { this.markReady = resolve; });
    const { connection, store } = ctx;
    connection.onInitialized(() => { void this.start().finally(this.markReady); });
    connection.onDidChangeWatchedFiles(p => {
      for (const c of p.changes) void this.fileChanged(c.uri, c.type);
    });
    // The length without the text: asking for the text would join an edited document per keystroke.
    store.documents.onDidChangeContent(e => this.scheduleScan(e.document.uri, e.document.offsetAt({ line: e.document.lineCount, character: 0 })));
    store.documents.onDidClose(e => {
      this.cancelScan(e.document.uri);
      const uri = URI.parse(e.document.uri);
      if (uri.scheme === 'file') void indexPath(this.index, uri.fsPath, { cache: this.cache });
      else this.index.remove(e.document.uri);
    });
  }

  /** Metric names for completion, from every runbook in the workspace. */
  metricNames(): string[] { return this.index.metricNames(); }

  /** Brings open documents edited in the last few hundred milliseconds up to date. */
  flush(): void {
    for (const uri of [...this.dirty.keys()]) this.scanOpen(uri);
  }

  private async start(): Promise<void> {
    const roots = await this.workspaceRoots();
    try {
      await this.ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/*.{yml,yaml}' }] });
    } catch { /* the client has no file watcher: the index follows open documents only */ }
    if (!roots.length) return;
    this.roots = roots;
    this.cache = DiskCache.forRoots(roots);
    await this.cache.load();
    const paths = await findRunbooks(roots);
    const progress = await this.ctx.connection.window.createWorkDoneProgress();
    progress.begin('Indexing runbooks', 0, `0/${paths.length}`, false);
    let last = 0;
    await indexPaths(this.index, paths, {
      cache: this.cache,
      limits: { maxFiles: 20_000, maxFileBytes: this.ctx.settings().maxFileSizeBytes },
      skip: uri => !!this.ctx.store.documents.get(uri),
      onProgress: (done, total) => {
        const now = Date.now();
        if (now - last < 100 && done < total) return;
        last = now;
        progress.report(Math.floor((done / total) * 100), `${done}/${total}`);
      },
    });
    progress.done();
    await indexRuleFiles(roots, this.rules);
    await this.save();
  }

  private async workspaceRoots(): Promise<string[]> {
    try {
      const folders = await Promise.race([
        this.ctx.connection.workspace.getWorkspaceFolders(),
        new Promise<null>(resolve => setTimeout(() => resolve(null), FOLDERS_TIMEOUT_MS).unref()),
      ]);
      const uris = folders?.length ? folders.map(f => f.uri) : [this.ctx.workspaceRoot()].filter((u): u is string => !!u);
      return uris.map(u => URI.parse(u)).filter(u => u.scheme === 'file').map(u => u.fsPath);
    } catch {
      // No workspace/workspaceFolders support: the root the client gave at initialize.
      const root = this.ctx.workspaceRoot();
      return root?.startsWith('file:') ? [URI.parse(root).fsPath] : [];
    }
  }

  private async fileChanged(uri: string, type: FileChangeType): Promise<void> {
    const u = URI.parse(uri);
    if (u.scheme === 'file' && RULE_FILE.test(u.fsPath)) { await indexRuleFile(u.fsPath, this.rules); return; }
    if (u.scheme !== 'file' || !/\.(md|markdown)$/i.test(u.fsPath) || this.ctx.store.documents.get(uri)) return;
    if (type === FileChangeType.Deleted) { this.index.remove(uri); this.cache?.forget(u.fsPath); }
    else await indexPath(this.index, u.fsPath, { cache: this.cache });
    this.scheduleSave();
  }

  private scheduleScan(uri: string, length: number): void {
    this.cancelScan(uri);
    this.dirty.set(uri, setTimeout(() => void this.scanOpenInSlices(uri), debounceFor(length)));
  }

  private cancelScan(uri: string): void {
    const t = this.dirty.get(uri);
    if (t) clearTimeout(t);
    this.dirty.delete(uri);
  }

  private scanOpen(uri: string): void {
    this.cancelScan(uri);
    const doc = this.ctx.store.documents.get(uri);
    if (doc && doc.languageId === 'markdown') this.index.set(uri, scanRunbook(doc.getText()));
  }

  /** scanOpen, yielding to requests every few milliseconds; a newer version makes it give up. */
  private async scanOpenInSlices(uri: string): Promise<void> {
    this.cancelScan(uri);
    const doc = this.ctx.store.documents.get(uri);
    if (!doc || doc.languageId !== 'markdown') return;
    const version = doc.version;
    const steps = scanRunbookSteps(doc.getText());
    for (let sliceStart = Date.now(); ;) {
      const r = steps.next();
      if (r.done) { this.index.set(uri, r.value); return; }
      if (Date.now() - sliceStart < SLICE_MS) continue;
      await nextTurn();
      // Edited (a new scan is scheduled), closed (the disk copy is indexed) or flushed meanwhile.
      if (this.ctx.store.documents.get(uri)?.version !== version || this.dirty.has(uri)) return;
      sliceStart = Date.now();
    }
  }

  private scheduleSave(): void {
    if (!this.cache) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DEBOUNCE_MS);
    this.saveTimer.unref();
  }

  private async save(): Promise<void> {
    const paths = [...this.index.uris()].map(u => URI.parse(u)).filter(u => u.scheme === 'file').map(u => u.fsPath);
    // A read-only cache directory costs a rescan next time, nothing more.
    await this.cache?.save(paths).catch(() => undefined);
  }
}

const services = new WeakMap<Connection, IndexService>();

/** One index per connection, shared by every feature that needs it. */
export function indexService(ctx: FeatureContext): IndexService {
  let s = services.get(ctx.connection);
  if (!s) services.set(ctx.connection, s = new IndexService(ctx));
  return s;
}

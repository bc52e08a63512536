// Filling the index from disk: find the runbooks under the workspace folders, then scan them a few
// at a time, yielding to the event loop after each file so that editor requests are answered
// while a large workspace is indexed.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from './workspaceIndex';
import { contentHash, type DiskCache } from './diskCache';
import { scanRunbook } from './lineScan';

const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'vendor', 'target']);

export interface CrawlLimits {
  /** Stop listing after this many runbooks (keeps memory bounded on huge monorepos). */
  maxFiles: number;
  /** Larger files are skipped, like the checks skip them. */
  maxFileBytes: number;
}

export const defaultLimits: CrawlLimits = { maxFiles: 20_000, maxFileBytes: 5 * 1024 * 1024 };

/** Markdown files (or those `match` names) under the roots, skipping hidden and dependency folders. */
export async function findRunbooks(roots: string[], limits: CrawlLimits = defaultLimits, match: RegExp = /\.(md|markdown)$/i): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try { entries = await readdir(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      if (out.length >= limits.maxFiles) return;
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) await walk(join(dir, e.name)); }
      else if (e.isFile() && match.test(e.name)) out.push(join(dir, e.name));
    }
  };
  for (const r of roots) await walk(r);
  return out;
}

export interface IndexRun {
  cache?: DiskCache;
  concurrency?: number;
  limits?: CrawlLimits;
  /** Called after each file; cheap to call, the caller throttles what it reports. */
  onProgress?(done: number, total: number): void;
  /** Open documents are indexed from the editor's text, not from disk. */
  skip?(uri: string): boolean;
  cancelled?(): boolean;
}

const tick = () => new Promise<void>(resolve => setImmediate(resolve));

export async function indexPaths(index: WorkspaceIndex, paths: string[], run: IndexRun = {}): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < paths.length && !run.cancelled?.()) {
      const path = paths[next++];
      await indexPath(index, path, run);
      run.onProgress?.(++done, paths.length);
      await tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, run.concurrency ?? 8) }, worker));
}

/** (Re)indexes one file from disk; a file that is gone or too large leaves the index. */
export async function indexPath(index: WorkspaceIndex, path: string, run: IndexRun = {}): Promise<void> {
  const uri = URI.file(path).toString();
  if (run.skip?.(uri)) return;
  const limits = run.limits ?? defaultLimits;
  try {
    const st = await stat(path);
    if (!st.isFile() || st.size > limits.maxFileBytes) { index.remove(uri); run.cache?.forget(path); return; }
    const known = run.cache?.byStamp(path, st.mtimeMs, st.size);
    if (known) { index.set(uri, known); return; }
    const text = await readFile(path, 'utf8');
    if (run.skip?.(uri)) return;
    const hash = contentHash(text);
    const facts = run.cache?.byContent(hash) ?? scanRunbook(text);
    run.cache?.remember(path, st.mtimeMs, st.size, hash, facts);
    index.set(uri, facts);
  } catch {
    index.remove(uri);
    run.cache?.forget(path);
  }
}

// Checks many files on all cores: worker threads (checkWorker.ts) take files in small batches as
// they finish the previous ones, so a slow file holds up one worker, not the run. Each batch's
// files are checked together, so their shell blocks share ShellCheck processes. Results come back
// in any order; the caller puts them in file order (see orderedOutput.ts). A worker that cannot
// start or that dies hands its files back to this thread: never a lost file, never a hang.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../analysis/settings';
import type { FileResult } from './fileResult';
import type { WorkerJob, WorkerReply } from './checkWorker';

export type CheckJob = WorkerJob;

export interface PoolOptions {
  /** Threads that check files; 1 checks everything on this thread. */
  jobs: number;
  settings: Settings;
  /** A worker costs a bundle load (about 0.2 s of CPU): each must get at least this many files. */
  minFilesPerThread?: number;
}

/**
 * Files started together: enough blocks per ShellCheck process (it takes up to 100), and across
 * threads small enough that the last batches spread over all of them.
 */
export function batchSize(files: number, threads: number): number {
  return threads === 1 ? 16 : Math.max(1, Math.min(16, Math.ceil(files / (threads * 4))));
}

/** Checks every job; `onResult` gets each file's result as it is ready. Rejects if a check throws. */
export async function checkAll(jobs: CheckJob[], opts: PoolOptions, onResult: (index: number, r: FileResult) => void): Promise<void> {
  const threads = Math.max(1, Math.min(opts.jobs, Math.floor(jobs.length / (opts.minFilesPerThread ?? 16))));
  const size = batchSize(jobs.length, threads);
  const batches: CheckJob[][] = [];
  for (let i = 0; i < jobs.length; i += size) batches.push(jobs.slice(i, i + size));
  if (threads === 1) return checkHere(batches, opts.settings, onResult);

  const workers = Array.from({ length: threads }, () => startWorker(opts.settings)).filter((w): w is Worker => !!w);
  if (!workers.length) return checkHere(batches, opts.settings, onResult);
  const leftovers: CheckJob[] = [];
  try {
    await Promise.all(workers.map(w => drive(w, batches, size, onResult, leftovers)));
  } finally {
    for (const w of workers) void w.terminate();
  }
  // What a dead worker still held, checked here.
  if (leftovers.length) await checkHere([leftovers.sort((a, b) => a.index - b.index)], opts.settings, onResult);
}

/** Two batches at a time: the next one's files are analysed while ShellCheck runs on the last. */
async function checkHere(batches: CheckJob[][], settings: Settings, onResult: (index: number, r: FileResult) => void): Promise<void> {
  const { checkFileText } = await import('./fileResult');
  const running = new Set<Promise<void>>();
  // A failure is kept and thrown once both batches are settled, so none is left unhandled.
  let failure: unknown;
  for (const batch of batches) {
    if (failure !== undefined) break;
    const p: Promise<void> = Promise.all(batch.map(j => checkFileText(j.text, j.uri, settings).then(r => onResult(j.index, r))))
      .then(() => undefined, (e: unknown) => { failure ??= e; })
      .finally(() => { running.delete(p); });
    running.add(p);
    if (running.size >= 2) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure;
}

function startWorker(settings: Settings): Worker | undefined {
  // Bundled: dist/checkWorker.js beside this bundle. From source (tests): the .ts through tsx.
  const bundled = join(__dirname, 'checkWorker.js');
  const source = join(__dirname, 'checkWorker.ts');
  try {
    if (existsSync(bundled)) return new Worker(bundled, { workerData: { settings } });
    // Node 20 applies a worker's --import too late for its entry file, so register tsx first.
    if (existsSync(source)) return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true, workerData: { settings } });
  } catch { /* checked on this thread instead */ }
  return undefined;
}

/**
 * Feeds one worker from the shared batch list, two batches ahead, so it starts the next files
 * while ShellCheck runs on the last ones. Resolves when the list is empty and the worker idle.
 */
function drive(w: Worker, batches: CheckJob[][], size: number, onResult: (index: number, r: FileResult) => void, leftovers: CheckJob[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const held = new Map<number, CheckJob>();
    let done = false;
    const finish = (e?: Error) => {
      if (done) return;
      done = true;
      w.removeAllListeners();
      if (e) reject(e); else resolve();
    };
    const feed = () => {
      while (held.size <= size && batches.length) {
        const batch = batches.shift()!;
        for (const j of batch) held.set(j.index, j);
        w.postMessage(batch);
      }
      if (!held.size) finish();
    };
    w.on('message', (m: WorkerReply) => {
      if (m.error !== undefined) { finish(new Error(m.error)); return; }
      held.delete(m.index);
      onResult(m.index, m.result!);
      feed();
    });
    const died = () => {
      leftovers.push(...held.values());
      held.clear();
      finish();
    };
    w.on('error', died);
    w.on('exit', died);
    feed();
  });
}

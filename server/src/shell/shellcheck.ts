// Runs ShellCheck on many snippets at once: requests made in the same tick are written to a temp
// directory and checked by one process (one spawn costs ~13 ms; a batch of 100 costs little more),
// with a cap on concurrent processes and a timeout on each, so nothing can hang the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ShellcheckReplacement {
  line: number; endLine: number; column: number; endColumn: number;
  replacement: string; insertionPoint?: string; precedence?: number;
}

export interface ShellcheckComment {
  file: string; line: number; endLine: number; column: number; endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
  fix: { replacements: ShellcheckReplacement[] } | null;
}

export interface ShellcheckOptions { path: string; exclude: readonly string[]; timeoutMs?: number }

interface Request { text: string; resolve: (c: ShellcheckComment[] | undefined) => void; reject: (e: Error) => void }
interface Batch { opts: ShellcheckOptions; requests: Request[] }

const maxBatch = 100;
/** ShellCheck processes started for findings (not probes): tests check that blocks share them. */
export const shellcheckStats = { processes: 0 };
const maxProcesses = 2;
let running = 0;
const waiting: Batch[] = [];
const pending = new Map<string, Batch>();
const missing = new Set<string>();
/** ShellCheck processes still running; each leads its own process group (wrappers included). */
const live = new Set<ChildProcess>();

/**
 * Process groups started by another thread (the LSP's analysis worker). Only the main thread sees
 * the process exit, so the worker reports each group here and `stopShellcheck` ends them too.
 */
const adopted = new Set<number>();
let watcher: ((pid: number, alive: boolean) => void) | undefined;

/** Called with each ShellCheck process group this thread starts (alive) and sees end. */
export function watchShellcheckProcesses(w: (pid: number, alive: boolean) => void): void { watcher = w; }

/** A group another thread started (alive) or saw end: killed by this thread's `stopShellcheck`. */
export function adoptShellcheckProcess(pid: number, alive: boolean): void {
  if (alive) adopted.add(pid); else adopted.delete(pid);
}

function untrack(child: ChildProcess): void {
  if (live.delete(child) && child.pid !== undefined) watcher?.(child.pid, false);
}

function killGroup(child: ChildProcess): void {
  untrack(child);
  if (child.pid === undefined) return;
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
}

/** Kills every ShellCheck still running: the server is shutting down or exiting. */
export function stopShellcheck(): void {
  for (const child of [...live]) killGroup(child);
  for (const pid of adopted) { try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ } }
  adopted.clear();
}

/**
 * ShellCheck's findings for one snippet, or `undefined` when the binary is not installed.
 * Rejects only on a real failure (timeout, unreadable output).
 */
export function runShellcheck(text: string, opts: ShellcheckOptions): Promise<ShellcheckComment[] | undefined> {
  if (missing.has(opts.path)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const key = JSON.stringify([opts.path, opts.exclude]);
    let batch = pending.get(key);
    if (!batch) {
      batch = { opts, requests: [] };
      pending.set(key, batch);
      const b = batch;
      setImmediate(() => { if (pending.get(key) === b) { pending.delete(key); enqueue(b); } });
    }
    batch.requests.push({ text, resolve, reject });
    if (batch.requests.length >= maxBatch) { pending.delete(key); enqueue(batch); }
  });
}

function enqueue(batch: Batch): void {
  waiting.push(batch);
  pump();
}

function pump(): void {
  while (running < maxProcesses && waiting.length) {
    const batch = waiting.shift()!;
    running++;
    runBatch(batch).finally(() => { running--; pump(); });
  }
}

async function runBatch({ opts, requests }: Batch): Promise<void> {
  const base = ['--format=json1', '-s', 'bash', ...(opts.exclude.length ? ['-e', opts.exclude.join(',')] : [])];
  const timeoutMs = opts.timeoutMs ?? 10_000 + 100 * requests.length;
  shellcheckStats.processes++;
  // A keystroke changes one block: that one goes through stdin, with no files to write and remove.
  if (requests.length === 1) {
    const [r] = requests;
    try {
      const out = await spawnCollect(opts.path, [...base, '-'], timeoutMs, r.text);
      if (out === undefined) { missing.add(opts.path); r.resolve(undefined); return; }
      r.resolve((JSON.parse(out) as { comments: ShellcheckComment[] }).comments);
    } catch (e) {
      r.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'runbook-sc-'));
  try {
    const files = requests.map((_, i) => join(dir, `b${i}.sh`));
    await Promise.all(requests.map((r, i) => writeFile(files[i], r.text)));
    const out = await spawnCollect(opts.path, [...base, ...files], timeoutMs);
    if (out === undefined) {
      missing.add(opts.path);
      requests.forEach((r) => r.resolve(undefined));
      return;
    }
    const comments = (JSON.parse(out) as { comments: ShellcheckComment[] }).comments;
    requests.forEach((r, i) => r.resolve(comments.filter((c) => c.file === files[i])));
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    requests.forEach((r) => r.reject(err));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** stdout of the process, or undefined when the executable does not exist. */
function spawnCollect(cmd: string, args: string[], timeoutMs: number, stdin?: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout or shutdown also ends what a wrapper script started.
    const child = spawn(cmd, args, { stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], detached: true });
    live.add(child);
    if (child.pid !== undefined) watcher?.(child.pid, true);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { killGroup(child); reject(new Error(`ShellCheck did not answer within ${timeoutMs} ms`)); }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    // A process that exits before reading all of stdin makes the write fail: its exit code says why.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      untrack(child);
      if (e.code === 'ENOENT' || e.code === 'EACCES') resolve(undefined); else reject(e);
    });
    child.on('exit', () => untrack(child));
    child.on('close', (code) => {
      clearTimeout(timer);
      // 0: clean, 1: findings; anything else is a usage or internal error.
      if (code === 0 || code === 1) resolve(stdout);
      else reject(new Error(`ShellCheck failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
}

const notified = new Set<string>();

/**
 * Probes for ShellCheck once per configured path and logs once when it is missing, so the server
 * can say so at start-up (or on a settings change) instead of on every keystroke.
 */
export async function reportShellcheckMissingOnce(path: string, log: (message: string) => void): Promise<boolean> {
  const available = await spawnCollect(path, ['--version'], 5_000).then((o) => o !== undefined, () => false);
  if (available) missing.delete(path);
  else {
    missing.add(path);
    if (!notified.has(path)) {
      notified.add(path);
      log(`ShellCheck was not found at "${path}": shell blocks get syntax checks but no lint. Install shellcheck or set runbook.shellcheck.path.`);
    }
  }
  return available;
}

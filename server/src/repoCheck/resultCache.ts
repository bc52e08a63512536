// `runbook check` results that survive the process, so a re-run in CI or a pre-commit hook
// re-checks only the files that changed. An entry is found by a key made of the file's content
// and the check's identity (cacheKey.ts: the code itself, its settings, ShellCheck's version and
// configuration), never by path or time, so a hit is exactly what checking again would give.
// One JSON-lines file, `check-v<N>.jsonl` in the cache folder, written whole to a temporary file
// and renamed, mode 0600: concurrent runs cannot tear it, the last one to finish wins.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from './fileResult';

/** Bump when the stored shape changes: an old file is then ignored. */
const FORMAT = 1;

export function resultKey(identity: string, text: string): string {
  return createHash('sha256').update(identity).update('\0').update(text).digest('base64url');
}

export function resultCacheFile(dir: string): string {
  return join(dir, `check-v${FORMAT}.jsonl`);
}

export class ResultCache {
  /** Entries as their stored JSON text: only the ones a run asks for are parsed. */
  private readonly stored = new Map<string, string>();
  private readonly fresh = new Map<string, string>();
  private readonly used = new Set<string>();

  /** `maxEntries` bounds the file when several repositories share one cache folder. */
  constructor(readonly file: string, private readonly maxEntries = 10_000) {}

  /**
   * A missing, unreadable or torn file is an empty cache; so is one that another user owns or
   * could have written: a planted entry could make a broken runbook pass in CI.
   */
  load(): this {
    let text: string;
    try {
      const fd = openSync(this.file, 'r');
      try {
        const st = fstatSync(fd);
        if ((process.getuid && st.uid !== process.getuid()) || (st.mode & 0o022)) return this;
        text = readFileSync(fd, 'utf8');
      } finally { closeSync(fd); }
    } catch { return this; }
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0) this.stored.set(line.slice(0, tab), line.slice(tab + 1));
    }
    return this;
  }

  get(key: string): FileResult | undefined {
    const raw = this.fresh.get(key) ?? this.stored.get(key);
    if (raw === undefined) return undefined;
    try {
      const r = JSON.parse(raw) as FileResult;
      this.used.add(key);
      return r;
    } catch { return undefined; } // a torn line costs that file a re-check
  }

  set(key: string, result: FileResult): void {
    if (!result.lasting) return;
    this.fresh.set(key, JSON.stringify(result));
    this.used.add(key);
  }

  /** Writes this run's entries first, then older ones up to the bound. Failure to write is not fatal. */
  save(): boolean {
    // Nothing new: the file already holds every entry this run used.
    if (!this.fresh.size) return true;
    const lines: string[] = [];
    const seen = new Set<string>();
    const add = (key: string, raw: string | undefined) => {
      if (raw === undefined || seen.has(key) || lines.length >= this.maxEntries) return;
      seen.add(key);
      lines.push(`${key}\t${raw}`);
    };
    for (const key of this.used) add(key, this.fresh.get(key) ?? this.stored.get(key));
    for (const [key, raw] of this.stored) add(key, raw);
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(tmp, lines.join('\n') + '\n', { mode: 0o600 });
      renameSync(tmp, this.file);
      return true;
    } catch {
      rmSync(tmp, { force: true });
      return false;
    }
  }
}

// Index facts that survive restarts. A file whose path, size and mtime are unchanged is not even
// read; a file whose content hash is known is not scanned. One JSON file per workspace, written
// atomically, holding only the runbooks the workspace had when it was last saved (so it is bounded
// by the workspace, and by `maxEntries`).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FileFacts, MentionFact, SectionFact } from './types';

/** Bump when the line scan changes what it finds: old caches are then ignored. */
const SCAN_VERSION = 1;

interface Stamp { mtimeMs: number; size: number; hash: string }
type PackedSection = [string, number, number, number, number, number];
type PackedMention = [string, number, number, number];
interface PackedFile { s: PackedSection[]; m: PackedMention[] }
interface Stored { v: number; files: Record<string, [number, number, string]>; facts: Record<string, PackedFile> }

export function defaultCacheDir(): string {
  return process.env.RUNBOOK_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runbook');
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

export class DiskCache {
  private stamps = new Map<string, Stamp>();
  private byHash = new Map<string, FileFacts>();

  constructor(private readonly file: string, private readonly maxEntries = 20_000) {}

  static forRoots(roots: string[], dir = defaultCacheDir()): DiskCache {
    return new DiskCache(join(dir, `index-${contentHash(roots.sort().join('\n')).slice(0, 16)}.json`));
  }

  /** Missing, unreadable or outdated caches are simply empty: the index rebuilds them. */
  async load(): Promise<void> {
    let stored: Stored;
    try { stored = JSON.parse(await readFile(this.file, 'utf8')) as Stored; } catch { return; }
    if (stored?.v !== SCAN_VERSION) return;
    for (const [hash, f] of Object.entries(stored.facts)) this.byHash.set(hash, unpack(f));
    for (const [path, [mtimeMs, size, hash]] of Object.entries(stored.files)) {
      if (this.byHash.has(hash)) this.stamps.set(path, { mtimeMs, size, hash });
    }
  }

  /** Facts for an unchanged file, without reading it. */
  byStamp(path: string, mtimeMs: number, size: number): FileFacts | undefined {
    const s = this.stamps.get(path);
    return s && s.mtimeMs === mtimeMs && s.size === size ? this.byHash.get(s.hash) : undefined;
  }

  byContent(hash: string): FileFacts | undefined { return this.byHash.get(hash); }

  remember(path: string, mtimeMs: number, size: number, hash: string, facts: FileFacts): void {
    this.stamps.set(path, { mtimeMs, size, hash });
    this.byHash.set(hash, facts);
  }

  forget(path: string): void { this.stamps.delete(path); }

  /** Writes the entries of `keep` (the files currently indexed) and drops everything else. */
  async save(keep: Iterable<string>): Promise<void> {
    const stored: Stored = { v: SCAN_VERSION, files: {}, facts: {} };
    let n = 0;
    for (const path of keep) {
      const s = this.stamps.get(path);
      const f = s && this.byHash.get(s.hash);
      if (!s || !f || n++ >= this.maxEntries) continue;
      stored.files[path] = [s.mtimeMs, s.size, s.hash];
      stored.facts[s.hash] ??= pack(f);
    }
    const live = new Set(Object.keys(stored.facts));
    for (const h of this.byHash.keys()) if (!live.has(h)) this.byHash.delete(h);
    for (const [p, s] of this.stamps) if (!live.has(s.hash)) this.stamps.delete(p);
    const dir = join(this.file, '..');
    await mkdir(dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(stored));
    await rename(tmp, this.file);
  }
}

function pack(f: FileFacts): PackedFile {
  return {
    s: f.sections.map(s => [s.title, s.depth, s.line, s.char, s.endChar, s.endLine]),
    m: f.mentions.map(m => [m.name, m.line, m.char, (m.strong ? 1 : 0) | (m.definition ? 2 : 0)]),
  };
}

function unpack(p: PackedFile): FileFacts {
  return {
    sections: p.s.map(([title, depth, line, char, endChar, endLine]): SectionFact => ({ title, depth, line, char, endChar, endLine })),
    mentions: p.m.map(([name, line, char, flags]): MentionFact => ({ name, line, char, strong: (flags & 1) !== 0, definition: (flags & 2) !== 0 })),
  };
}

// Index facts that survive restarts. A file whose path, size and mtime are unchanged is not even
// read; a file whose content hash is known is not scanned. One file per workspace, written
// atomically, holding only the runbooks the workspace had when it was last saved (so it is bounded
// by the workspace, and by `maxEntries`). It is JSON lines, one runbook per line, written as a
// stream: one JSON document of a thousand runbooks briefly cost 50 MB of peak memory.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { once } from 'node:events';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FileFacts, MentionFact, SectionFact } from './types';

/** Bump when the line scan changes what it finds: old caches are then ignored. */
const SCAN_VERSION = 4; // 4: alerting rules in YAML blocks

interface Stamp { mtimeMs: number; size: number; hash: string }
type PackedSection = [string, number, number, number, number, number];
type PackedMention = [string, number, number, number];
interface PackedFile { s: PackedSection[]; m: PackedMention[] }
/** First line: `{"v":N}`; then one `[path, mtimeMs, size, hash, facts]` per runbook. */
type Line = [string, number, number, string, PackedFile];

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
    let text: string;
    try { text = await readFile(this.file, 'utf8'); } catch { return; }
    let pos = text.indexOf('\n');
    try {
      if (pos < 0 || (JSON.parse(text.slice(0, pos)) as { v?: number }).v !== SCAN_VERSION) return;
    } catch { return; }
    while (pos < text.length) {
      const next = text.indexOf('\n', pos + 1);
      const end = next < 0 ? text.length : next;
      const line = text.slice(pos + 1, end);
      pos = end;
      if (!line) continue;
      try {
        const [path, mtimeMs, size, hash, facts] = JSON.parse(line) as Line;
        if (!this.byHash.has(hash)) this.byHash.set(hash, unpack(facts));
        this.stamps.set(path, { mtimeMs, size, hash });
      } catch { /* a torn line costs that runbook a rescan */ }
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
    const kept = new Set<string>();
    const live = new Set<string>();
    await mkdir(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const out = createWriteStream(tmp);
    const write = async (s: string) => { if (!out.write(s)) await once(out, 'drain'); };
    try {
      await write(JSON.stringify({ v: SCAN_VERSION }) + '\n');
      for (const path of keep) {
        const s = this.stamps.get(path);
        const f = s && this.byHash.get(s.hash);
        if (!s || !f || kept.size >= this.maxEntries) continue;
        kept.add(path);
        live.add(s.hash);
        await write(JSON.stringify([path, s.mtimeMs, s.size, s.hash, pack(f)] satisfies Line) + '\n');
      }
      out.end();
      await once(out, 'finish');
    } catch (e) {
      out.destroy();
      throw e;
    }
    await rename(tmp, this.file);
    for (const h of this.byHash.keys()) if (!live.has(h)) this.byHash.delete(h);
    for (const p of this.stamps.keys()) if (!kept.has(p)) this.stamps.delete(p);
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

// The workspace index in memory: facts per runbook plus a posting list from metric name to the
// runbooks that mention it, so a reference lookup touches only the files that name the metric.
import type { FileFacts, MentionFact, SectionFact } from './types';
import { detach } from './detach';

export interface IndexLocation { uri: string; line: number; char: number; endChar: number }
export interface SectionHit { uri: string; section: SectionFact; container?: string }

export class WorkspaceIndex {
  private readonly files = new Map<string, FileFacts>();
  private readonly postings = new Map<string, Set<string>>();
  /** Metric names are few and repeated in every file: keep one string per name. */
  private readonly names = new Map<string, string>();
  /** How many runbooks mention each name strongly (see MentionFact.strong). */
  private readonly strong = new Map<string, number>();

  get size(): number { return this.files.size; }
  uris(): IterableIterator<string> { return this.files.keys(); }
  facts(uri: string): FileFacts | undefined { return this.files.get(uri); }

  set(uri: string, facts: FileFacts): void {
    this.remove(uri);
    for (const m of facts.mentions) {
      m.name = this.intern(m.name);
      let set = this.postings.get(m.name);
      if (!set) this.postings.set(m.name, set = new Set());
      set.add(uri);
    }
    for (const name of strongNames(facts)) this.strong.set(name, (this.strong.get(name) ?? 0) + 1);
    this.files.set(uri, facts);
  }

  remove(uri: string): void {
    const old = this.files.get(uri);
    if (!old) return;
    this.files.delete(uri);
    for (const name of strongNames(old)) {
      const n = (this.strong.get(name) ?? 1) - 1;
      if (n > 0) this.strong.set(name, n); else this.strong.delete(name);
    }
    for (const m of old.mentions) {
      const set = this.postings.get(m.name);
      if (!set) continue;
      set.delete(uri);
      if (!set.size) { this.postings.delete(m.name); this.names.delete(m.name); }
    }
  }

  /** Sections whose title matches the query's characters in order (VS Code's usual fuzzy rule). */
  sections(query: string, limit = 1000): SectionHit[] {
    const q = query.toLowerCase().replace(/\s+/g, '');
    const hits: SectionHit[] = [];
    for (const [uri, f] of this.files) {
      const parents: SectionFact[] = [];
      for (const s of f.sections) {
        while (parents.length && parents[parents.length - 1].depth >= s.depth) parents.pop();
        if (!q || subsequence(q, s.title.toLowerCase())) {
          hits.push({ uri, section: s, container: parents[parents.length - 1]?.title });
          if (hits.length >= limit) return hits;
        }
        parents.push(s);
      }
    }
    return hits;
  }

  references(name: string): IndexLocation[] {
    return this.where(name, () => true);
  }

  /** Where runbooks document the metric; falls back to nothing rather than to every mention. */
  definitions(name: string): IndexLocation[] {
    return this.where(name, m => m.definition);
  }

  /** Names for metric completion: mentioned in a PromQL context somewhere, or with a metric suffix. */
  metricNames(): string[] {
    return [...this.strong.keys()].sort();
  }

  private where(name: string, pred: (m: MentionFact) => boolean): IndexLocation[] {
    const out: IndexLocation[] = [];
    for (const uri of [...(this.postings.get(name) ?? [])].sort()) {
      for (const m of this.files.get(uri)!.mentions) {
        if (m.name === name && pred(m)) out.push({ uri, line: m.line, char: m.char, endChar: m.char + name.length });
      }
    }
    return out;
  }

  private intern(s: string): string {
    const hit = this.names.get(s);
    if (hit !== undefined) return hit;
    const own = detach(s);
    this.names.set(own, own);
    return own;
  }
}

function strongNames(f: FileFacts): Set<string> {
  const out = new Set<string>();
  for (const m of f.mentions) if (m.strong) out.add(m.name);
  return out;
}

function subsequence(q: string, s: string): boolean {
  let i = 0;
  for (let j = 0; j < s.length && i < q.length; j++) if (s[j] === q[i]) i++;
  return i === q.length;
}

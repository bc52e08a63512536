// Chunk facts keyed by chunk content. A keystroke changes one chunk's text, so every other chunk
// is a cache hit and the edit costs one section's parse, not the file's.
//
// The key is the chunk text itself: a Map lookup hashes a string natively, which is an order of
// magnitude cheaper than a crypto hash per chunk (4,700 chunks per keystroke on a 2 MB runbook).
// Hits don't refresh recency either (a delete + set per chunk per keystroke cost more than the
// rare re-parse of an evicted chunk), so eviction is first-in, first-out.
import { parseChunk, type ChunkFacts } from './parseChunk';

const limit = 20_000;
const caches = { f: new Map<string, ChunkFacts>(), n: new Map<string, ChunkFacts>() };

/** The cached facts of this chunk text, without parsing on a miss. */
export function cachedFacts(text: string, allowFrontMatter: boolean): ChunkFacts | undefined {
  return (allowFrontMatter ? caches.f : caches.n).get(text);
}

/** `parse` lets the caller compute a miss another way (e.g. in smaller pieces) with the same result. */
export function chunkFacts(text: string, allowFrontMatter: boolean, parse: (text: string, allowFrontMatter: boolean) => ChunkFacts = parseChunk): ChunkFacts {
  const cache = allowFrontMatter ? caches.f : caches.n;
  const hit = cache.get(text);
  if (hit) return hit;
  const facts = parse(text, allowFrontMatter);
  // `text` is usually a slice of the whole document; a flat copy as the key keeps old versions of
  // the document from being retained by the cache.
  cache.set(flatCopy(text), facts);
  if (caches.f.size + caches.n.size > limit) {
    const evictFrom = caches.n.size ? caches.n : caches.f;
    evictFrom.delete(evictFrom.keys().next().value as string);
  }
  return facts;
}

/** Facts computed elsewhere (the parse worker) for exactly this chunk text. */
export function putFacts(text: string, allowFrontMatter: boolean, facts: ChunkFacts): void {
  chunkFacts(text, allowFrontMatter, () => facts);
}

function flatCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

export function clearChunkCache(): void {
  caches.f.clear();
  caches.n.clear();
}

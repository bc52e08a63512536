// Chunk facts keyed by content hash. A keystroke changes one chunk's text, so every other chunk
// is a cache hit and the edit costs one section's parse, not the file's.
import { createHash } from 'node:crypto';
import { parseChunk, type ChunkFacts } from './parseChunk';

const limit = 20_000;
const cache = new Map<string, ChunkFacts>();

export function chunkFacts(text: string, allowFrontMatter: boolean): ChunkFacts {
  const key = (allowFrontMatter ? 'f' : 'n') + createHash('sha1').update(text).digest('base64');
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so the map's insertion order doubles as least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const facts = parseChunk(text, allowFrontMatter);
  cache.set(key, facts);
  if (cache.size > limit) cache.delete(cache.keys().next().value as string);
  return facts;
}

export function clearChunkCache(): void {
  cache.clear();
}

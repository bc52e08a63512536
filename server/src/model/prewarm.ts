// A big document parsed cold takes seconds even in chunks (NOTES.md: 2.2 MB ≈ 2.6 s). Done in one
// go it holds the server's only thread, and every other document waits behind it. Filling the
// chunk cache a slice at a time, yielding to the event loop between slices, lets other documents'
// analyses and requests run in between; buildModel then finds every chunk cached.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { candidateStarts } from './chunks';
import { chunkFacts } from './chunkCache';

/** Below this a cold parse is one short turn anyway. */
const minChars = 100_000;
const sliceMs = 15;

/** Resolves false when `stale()` became true (a newer version arrived) before the cache was warm. */
export async function prewarmChunks(text: string, stale: () => boolean): Promise<boolean> {
  if (text.length < minChars) return true;
  const starts = candidateStarts(text);
  let sliceStart = Date.now();
  for (let i = 0; i < starts.length; i++) {
    chunkFacts(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : text.length), starts[i] === 0);
    if (Date.now() - sliceStart >= sliceMs) {
      await nextTurn();
      if (stale()) return false;
      sliceStart = Date.now();
    }
  }
  return true;
}

// A big document parsed cold takes seconds even in chunks (NOTES.md: 2.2 MB ≈ 2.6 s). Done in one
// go it holds the server's only thread, and every other document waits behind it. Filling the
// chunk cache a slice at a time, yielding to the event loop between slices, lets other documents'
// analyses and requests run in between; buildModel then finds every chunk cached.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { chunkFacts } from './chunkCache';
import { parallelPrewarm } from './parallelParse';

/** Below this a cold parse is one short turn anyway. */
const minChars = 100_000;
const sliceMs = 15;

/** Resolves false when `stale()` became true (a newer version arrived) before the cache was warm. */
export async function prewarmChunks(text: string, stale: () => boolean): Promise<boolean> {
  if (text.length < minChars) return true;
  // The worker parses half the chunks on the other core; this thread parses the rest in slices.
  return parallelPrewarm(text, async chunks => {
    let sliceStart = Date.now();
    for (const c of chunks) {
      chunkFacts(c.text, c.frontMatter);
      if (Date.now() - sliceStart >= sliceMs) {
        await nextTurn();
        if (stale()) return false;
        sliceStart = Date.now();
      }
    }
    return true;
  });
}

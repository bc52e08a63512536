// The chunk parser in a worker thread: a big cold document is parsed on both cores, half here and
// half on the main thread (see parallelParse.ts). Messages carry chunk texts in, plain facts out.
import { parentPort } from 'node:worker_threads';
import { parseChunk, type ChunkFacts } from './parseChunk';

export interface ParseRequest { id: number; chunks: { text: string; frontMatter: boolean }[] }
export interface ParseReply { id: number; facts?: ChunkFacts[]; error?: string }

parentPort?.on('message', (req: ParseRequest) => {
  try {
    parentPort!.postMessage({ id: req.id, facts: req.chunks.map(c => parseChunk(c.text, c.frontMatter)) } satisfies ParseReply);
  } catch (e) {
    parentPort!.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies ParseReply);
  }
});

// Cold parses of big documents use both cores: one worker thread takes the second half of the
// chunks (by size) while the caller parses the first, and the worker's facts go into the chunk
// cache. buildModel then finds every chunk cached, so its result cannot differ. If the worker
// cannot start or fails, its half is simply parsed here: never slower than one thread by much.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { candidateStarts } from './chunks';
import { cachedFacts, chunkFacts, putFacts } from './chunkCache';
import type { ParseReply, ParseRequest } from './parseWorker';

/** Below this a cold parse is short, and a worker's start-up (about 100 ms) would not pay off. */
export const parallelMinChars = 256 * 1024;

let worker: Worker | undefined;
let broken = false;
let nextId = 1;
/** Chunks the worker has parsed since start-up (for tests and the benchmark). */
export let workerChunksParsed = 0;
const waiting = new Map<number, (r: ParseReply) => void>();

function parseWorker(): Worker | undefined {
  if (worker || broken) return worker;
  // Bundled: dist/parseWorker.js beside this bundle. From source (tests): the .ts through tsx.
  const bundled = join(__dirname, 'parseWorker.js');
  const source = join(__dirname, 'parseWorker.ts');
  try {
    if (existsSync(bundled)) worker = new Worker(bundled);
    // Node 20 applies a worker's --import too late for its entry file, so register tsx first.
    else if (existsSync(source)) worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true });
    else { broken = true; return undefined; }
  } catch {
    broken = true;
    return undefined;
  }
  worker.unref(); // the CLI must be able to exit with the worker idle
  worker.on('message', (r: ParseReply) => { waiting.get(r.id)?.(r); waiting.delete(r.id); });
  const fail = () => {
    broken = true;
    worker = undefined;
    for (const [id, resolve] of waiting) resolve({ id, error: 'parse worker stopped' });
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  return worker;
}

function inWorker(chunks: ParseRequest['chunks']): Promise<ParseReply> {
  const w = parseWorker();
  if (!w) return Promise.resolve({ id: 0, error: 'no parse worker' });
  const id = nextId++;
  return new Promise(resolve => {
    waiting.set(id, resolve);
    w.ref();
    w.postMessage({ id, chunks } satisfies ParseRequest);
  }).finally(() => { if (!waiting.size) w.unref(); }) as Promise<ParseReply>;
}

/**
 * Fills the chunk cache for `text` using the worker for half of the work. `parseHere` parses the
 * caller's half (the LSP passes one that yields between slices); it returns false to give up.
 */
export async function parallelPrewarm(text: string, parseHere: (chunks: ParseRequest['chunks']) => Promise<boolean> | boolean = chunks => { for (const c of chunks) chunkFacts(c.text, c.frontMatter); return true; }): Promise<boolean> {
  const starts = candidateStarts(text);
  const chunks = starts.map((s, i) => ({ text: text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length), frontMatter: s === 0 }))
    .filter(c => !cachedFacts(c.text, c.frontMatter));
  if (text.length < parallelMinChars || chunks.length < 4) return parseHere(chunks);
  let half = 0;
  for (let size = 0, i = 0; i < chunks.length && size < text.length / 2; i++, half = i) size += chunks[i].text.length;
  const theirs = chunks.slice(half);
  const remote = inWorker(theirs);
  const ok = await parseHere(chunks.slice(0, half));
  const reply = await remote;
  if (reply.facts) {
    reply.facts.forEach((f, i) => putFacts(theirs[i].text, theirs[i].frontMatter, f));
    workerChunksParsed += reply.facts.length;
  }
  else if (ok) return parseHere(theirs);
  return ok;
}

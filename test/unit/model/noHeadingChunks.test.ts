// A big document with no headings (a pasted log, one endless section) is still cut into chunks,
// at blank lines outside fences, lists, quotes and HTML blocks, so it is parsed in parallel and a
// keystroke re-parses one chunk; and the chunked model still equals the whole-document parse.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, parseChunks } from '../../../server/src/model/build';
import { candidateStarts } from '../../../server/src/model/chunks';
import { clearChunkCache } from '../../../server/src/model/chunkCache';
import * as parallel from '../../../server/src/model/parallelParse';

/** Paragraphs, lists, quotes, fences and HTML, each with blank lines inside, and no heading. */
function headingless(targetBytes: number, seed: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const n = (i * 7919 + seed) % 9;
    const piece = [
      `Step ${i}: check the queue depth with \`rate(queue_depth_${i}[5m])\` before going on.\nA second line of the same paragraph.\n`,
      '```bash\n' + `kubectl get pods -n ns${i}\n\nText at column 0 inside the fence ${i}\n\necho done\n` + '```\n',
      `- item ${i} with \`inline ${i}\`\n\n  continued in the same item\n\n- another item\n`,
      `> quoted ${i}\n>\n> still quoted \`q${i}\`\n`,
      `<!--\ncomment ${i}\n\nnot a paragraph \`x${i}\`\n-->\n`,
      `1. first ${i}\n\n2. second\n`,
      `    indented code ${i}\n\n    more indented code\n`,
      `<div>\nhtml ${i}\n</div>\n`,
      `Term ${i}\n=====\n`,
    ][n];
    parts.push(piece);
    size += piece.length + 1;
  }
  return parts.join('\n');
}

test('a document with no headings is cut at blank lines, and the chunked model equals the whole parse', () => {
  for (const seed of [1, 2, 3]) {
    const text = headingless(150_000, seed);
    assert.ok(!/^#/m.test(text), 'no heading at all');
    const starts = candidateStarts(text);
    assert.ok(starts.length > 10, `${starts.length} chunk starts for ${text.length} bytes`);
    for (const s of starts.slice(1)) assert.match(text.slice(s - 2, s), /\n\n$/, 'every cut follows a blank line');
    assert.deepEqual(buildModel(text), buildModel(text, undefined, 0, { chunked: false }));
  }
});

test('a runbook with headings keeps its heading cuts', () => {
  const sections = Array.from({ length: 60 }, (_, i) => `## Section ${i}\n\n${'Some prose about the step.\n\n'.repeat(20)}`).join('\n');
  const starts = candidateStarts(sections);
  assert.ok(starts.length > 5);
  for (const s of starts.slice(1)) assert.match(sections.slice(s, s + 3), /^## /);
});

test('an edit in a document with no headings re-parses one chunk', () => {
  const text = headingless(120_000, 5);
  const before = parseChunks(text);
  assert.ok(before.length > 10);
  const mid = text.indexOf('second line', text.length / 2);
  const edited = text.slice(0, mid) + 'x' + text.slice(mid);
  const after = parseChunks(edited);
  assert.equal(after.length, before.length);
  assert.equal(after.filter((c, i) => c.facts !== before[i].facts).length, 1, 'all other chunk facts come from the cache');
});

test('a big document with no headings is parsed on two threads, with the same model', async () => {
  const text = headingless(600_000, 7);
  clearChunkCache();
  const single = buildModel(text);
  clearChunkCache();
  const before = parallel.workerChunksParsed;
  await parallel.parallelPrewarm(text);
  assert.ok(parallel.workerChunksParsed > before, 'the worker parsed part of the document');
  assert.deepEqual(buildModel(text), single);
});

// The event path (facts read off micromark's events) must give exactly what the mdast path gives,
// wherever it answers at all; and it must answer for ordinary runbooks, or the speed-up is gone.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { factsFromEvents } from '../../../server/src/model/chunkEvents';
import { factsFromMdast } from '../../../server/src/model/parseChunk';
import { candidateStarts } from '../../../server/src/model/chunks';
import { generateRunbook } from '../../tools/generate';
import { document } from '../../fuzz/markdown';

const corpus = '/work/shared/corpus';
function allMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? allMarkdown(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []);
}
const chunksOf = (text: string) => { const s = candidateStarts(text); return s.map((a, i) => text.slice(a, s[i + 1] ?? text.length)); };

/** Both paths on `text`, with and without gfm; returns how many times the event path answered. */
function agree(text: string, label: string): number {
  let answered = 0;
  for (const gfm of [false, true]) {
    const fast = factsFromEvents(text, gfm);
    if (!fast) continue;
    answered++;
    assert.deepEqual(fast, factsFromMdast(text, gfm, false, false), `${label} (gfm ${gfm})`);
  }
  return answered;
}

test('event path equals the mdast path on fixtures, samples and the field corpus', () => {
  const files = [...allMarkdown(join(__dirname, '../../fixtures')), ...allMarkdown(join(__dirname, '../../../runbooks')), ...(existsSync(corpus) ? allMarkdown(corpus) : [])];
  let answered = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    answered += agree(text, f);
    for (const c of chunksOf(text)) answered += agree(c, `${f} chunk`);
  }
  assert.ok(answered > files.length, `the event path answered only ${answered} times`);
});

test('event path equals the mdast path on 1,500 fuzz documents (fixed seed)', () => {
  let answered = 0;
  for (const text of fc.sample(document({ loneCr: true }), { numRuns: 1500, seed: 20261126 })) answered += agree(text, JSON.stringify(text.slice(0, 200)));
  assert.ok(answered > 500, `the event path answered only ${answered} of 3000 times`);
});

test('every chunk of a generated runbook takes the event path', () => {
  const chunks = chunksOf(generateRunbook(250_000, 11));
  assert.ok(chunks.length > 20);
  for (const c of chunks) assert.ok(factsFromEvents(c, /\|/.test(c)), `declined: ${JSON.stringify(c.slice(0, 120))}`);
});

test('values the mdast path decodes or moves are left to it', () => {
  assert.equal(factsFromEvents('# Restart *now*\n', false), undefined, 'emphasis in a heading');
  assert.equal(factsFromEvents('# Fish &amp; chips\n', false), undefined, 'character reference in a heading');
  assert.equal(factsFromEvents('```sh\\&x\nls\n```\n', false), undefined, 'escape in an info string');
  assert.equal(factsFromEvents('- [ ] check `up`\n', true), undefined, 'gfm task item');
  assert.equal(factsFromEvents('Title\nmore\n===\n', false), undefined, 'multi-line setext heading');
});

test('plain values come out as mdast has them', () => {
  const f = factsFromEvents('## Check `mempool` ##\n\n> ```bash title=x\n> ls\n> ```\n\n| a |\n|---|\n| `x\\|y` |\n', true)!;
  assert.deepEqual(f.headings.map(h => [h.depth, h.title]), [[2, 'Check mempool']]);
  assert.deepEqual(f.codes.map(c => [c.kind, c.info, c.value, c.nested, c.closed]), [['fenced', 'bash title=x', 'ls', true, true]]);
  assert.deepEqual(f.inlineCodes.map(c => c.value), ['mempool', 'x|y']);
});

// Regressions found by the fuzzer: strikethrough made heading titles depend on how the document was
// chunked (gfm is loaded per chunk), and single tildes ate PromQL regex matchers in titles.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/model/build';

const titles = (text: string, chunked: boolean) => buildModel(text, undefined, 0, { chunked }).sections.map(s => s.title);

test('~~strikethrough~~ in a heading gives the same title chunked or whole', () => {
  const text = '| a | b |\n|---|---|\n| 1 | 2 |\n\n## x ~~old~~ new\n';
  assert.deepEqual(titles(text, true), ['x old new']);
  assert.deepEqual(titles(text, false), ['x old new']);
});

test('PromQL regex matchers in a heading keep their tildes', () => {
  const text = '- [ ] task\n\n## rate(h{job!~"api"}[5m]) and h{job=~"x"}\n';
  for (const chunked of [true, false]) assert.deepEqual(titles(text, chunked), ['rate(h{job!~"api"}[5m]) and h{job=~"x"}']);
});

// The fuzz properties (test/fuzz) on a short fixed-seed run, so that any failure reproduces
// exactly. `npm run fuzz -- --cases N` runs the long version with fresh seeds.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzProperty, checkDocument } from '../../fuzz/properties';

test('200 generated runbooks and edit sequences satisfy every analysis property (seed 20261126)', async () => {
  const details = await fc.check(fuzzProperty(), { numRuns: 200, seed: 20261126 });
  assert.equal(details.failed, false, details.failed ? `counterexample ${JSON.stringify(details.counterexample)}\n${details.errorInstance instanceof Error ? details.errorInstance.message : ''}` : '');
  assert.equal(details.numRuns, 200);
});

test('the property checker does catch a broken range (it can fail)', async () => {
  // A document whose unclosed fence diagnostic is fine today; corrupt the result to prove the check bites.
  const { rangeProblems } = await import('../../fuzz/ranges');
  const { analyzeText } = await import('../../../server/src/analysis/pipeline');
  const text = '# T\n\n```bash\nls\n';
  const result = await analyzeText(text);
  assert.deepEqual(rangeProblems(text, result), []);
  result.analysis.diagnostics[0].range = { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } };
  assert.match(rangeProblems(text, result)[0], /past the last line/);
  result.analysis.diagnostics[0].range = { start: { line: 2, character: 3 }, end: { line: 2, character: 1 } };
  assert.match(rangeProblems(text, result)[0], /ends before it starts/);
});

test('regressions found by the fuzzer stay fixed', async () => {
  const cases = [
    '---\nunclosed: true\n# http_requests_total\n\n> > ',
    '---\ntitle: x\n# comment\n---\n- a `x`\n',
  ];
  for (const text of cases) assert.deepEqual(await checkDocument(text, [{ changes: [{ at: 0, del: 0, insert: '```' }] }]), [], JSON.stringify(text));
});

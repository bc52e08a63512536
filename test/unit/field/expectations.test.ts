// Accuracy on real runbooks: `runbook check` over the field corpus (515 public runbooks, see
// ../shared/corpus/field/MANIFEST.txt) must give exactly the errors and warnings listed in
// test/fixtures/field/expectations.tsv, and the reviewers' verdicts there must reach the precision
// the README promises (errors >= 95% real, warnings >= 80% real).
//
// Workflow when a change moves the field output:
//   1. node --import tsx scripts/field-expectations.ts            lists new / gone / changed rows
//   2. node --import tsx scripts/field-expectations.ts --update   rewrites the file; rows whose key
//      (file, line, col, code) is unchanged keep their verdict, new rows are `unreviewed`
//   3. review every `unreviewed` row as an SRE would: open the runbook at that line and set the
//      verdict to `real` (the diagnostic points at a real problem and its message leads to the fix)
//      or `noise` (wrong, misleading, or not worth an author's time), with a short reason
//   4. commit the .tsv with the change that moved it, so the diff shows what moved.
// Rows stay sorted by file, line, column and code; rebase conflicts are resolved by taking either
// side and re-running step 2 (verdicts survive by key). The corpus is found beside the repository
// (or one level up for worktrees), or at $RUNBOOK_FIELD_CORPUS; without it the test skips.
import test from 'node:test';
import assert from 'node:assert/strict';
import { describe, differences, fieldCorpus, mergeVerdicts, precision, readExpectations, rowKeys, runFieldCheck, type FieldRow } from '../../tools/fieldExpectations';

const corpus = fieldCorpus();

test('field corpus: the check gives exactly the reviewed expectations, at the promised precision', { skip: corpus ? false : 'no field corpus at ../shared/corpus/field (set RUNBOOK_FIELD_CORPUS to run this)' }, () => {
  const fresh = runFieldCheck(corpus!);
  const expected = readExpectations();
  const diffs = differences(fresh, expected);
  const shown = diffs.slice(0, 40).map(d => `  ${d.kind} ${d.key.split('\t').join(':')}  ${d.detail}`).join('\n');
  assert.equal(diffs.length, 0, `${diffs.length} difference(s) from test/fixtures/field/expectations.tsv; run scripts/field-expectations.ts --update and review:\n${shown}`);
  const unreviewed = expected.filter(r => r.verdict === 'unreviewed');
  const errors = precision(expected, 'error');
  const warnings = precision(expected, 'warning');
  console.log(`field corpus: ${describe(errors, 'error')}; ${describe(warnings, 'warning')}`);
  assert.equal(unreviewed.length, 0, `${unreviewed.length} unreviewed row(s), e.g. ${unreviewed.slice(0, 5).map(r => `${r.file}:${r.line} ${r.code}`).join(', ')}`);
  assert.ok(errors.ratio >= 0.95, `error precision ${(errors.ratio * 100).toFixed(1)}% < 95%`);
  assert.ok(warnings.ratio >= 0.80, `warning precision ${(warnings.ratio * 100).toFixed(1)}% < 80%`);
});

const row = (file: string, line: number, code: string, message = 'm', severity: FieldRow['severity'] = 'warning') =>
  ({ file, line, col: 1, severity, code, message });

test('regenerating keeps verdicts by key, marks new rows unreviewed, and numbers repeated keys', () => {
  const old: FieldRow[] = [{ ...row('a.md', 3, 'SC2086'), verdict: 'noise', reason: 'documented command' }];
  const merged = mergeVerdicts([row('a.md', 3, 'SC2086', 'reworded'), row('a.md', 3, 'SC2086', 'second'), row('b.md', 1, 'x')], old);
  assert.deepEqual(merged.map(r => r.verdict), ['noise', 'unreviewed', 'unreviewed']);
  assert.equal(merged[0].reason, 'documented command');
  assert.deepEqual(rowKeys(merged).map(k => k.split('\t').slice(-1)[0]), ['SC2086', '#2', 'x']);
});

test('differences name new, gone and changed rows; precision counts only the given severity', () => {
  const expected: FieldRow[] = [
    { ...row('a.md', 1, 'c', 'old text', 'error'), verdict: 'real', reason: '' },
    { ...row('a.md', 2, 'c'), verdict: 'noise', reason: '' },
  ];
  const d = differences([row('a.md', 1, 'c', 'new text', 'error'), row('a.md', 9, 'c')], expected);
  assert.deepEqual(d.map(x => x.kind).sort(), ['changed', 'gone', 'new']);
  assert.deepEqual(precision(expected, 'error'), { total: 1, real: 1, noise: 0, unreviewed: 0, ratio: 1 });
  assert.equal(precision(expected, 'warning').ratio, 0);
});

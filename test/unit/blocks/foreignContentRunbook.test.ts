// One runbook in the style of the field (an OpenShift-like alert page, written for this test) with
// every kind of content a shell tag or a json/yaml tag gets wrong: each is reported once, as what
// it is, and nothing else is said about it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../server/src/analysis/pipeline';

const text = readFileSync(join(__dirname, '../../fixtures/markdown/foreign-content.md'), 'utf8');
const lineOf = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;

test('the foreign-content runbook: one finding per problem, at its line, with its severity', async () => {
  const { analysis } = await analyzeText(text, { includeSlow: true });
  const got = analysis.diagnostics.map((d) => [d.range.start.line + 1, ['', 'error', 'warning', 'information', 'hint'][d.severity ?? 1], String(d.code)]);
  assert.deepEqual(got, [
    [lineOf('max by (pod)'), 'warning', 'block/language-mismatch'],
    [lineOf('  cluster:'), 'warning', 'block/language-mismatch'],
    [lineOf('  ...'), 'hint', 'yaml/elision'],
    [lineOf('  # ...'), 'hint', 'yaml/elision'],
    [lineOf('"override_attributes"'), 'hint', 'json/fragment'],
    [lineOf('delete pod ledger-1'), 'warning', 'command/dangerous'],
    [lineOf('```promql'), 'error', 'markdown/unclosed-fence'],
  ]);
  assert.match(analysis.diagnostics[1].message, /program output/);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/pipeline';

const doc = (lines: string[]) => lines.join('\n') + '\n';

test('a directive silences the diagnostic, never the guardrail: the dangerous finding still reaches the run', async () => {
  const { analysis } = await analyzeText(doc(['# Cleanup', '', '<!-- runbook-disable command/dangerous -->', '```bash', 'rm -rf /srv/app/*', '```']));
  assert.ok(!analysis.diagnostics.some(d => d.code === 'command/dangerous'));
  assert.equal(analysis.dangers.length, 1, 'the run still confirms it');
});

test('directives: several codes, a block further down, none inside code, unknown codes harmless', async () => {
  const text = doc([
    '# T', '',
    '<!-- runbook-disable promql/syntax, command/dangerous -->', '',
    'Some prose between the comment and its block.', '',
    '```promql', 'x > 1 for 5m', '```', '',
    '```promql', 'y > 1 for 5m', '```', '',
    '```bash', '# <!-- runbook-disable-file promql/syntax -->', 'echo hi', '```', '',
    '<!-- runbook-disable-file no/such-code -->',
  ]);
  const { analysis } = await analyzeText(text);
  assert.deepEqual(analysis.diagnostics.filter(d => d.code === 'promql/syntax').map(d => d.range.start.line), [11]);
});

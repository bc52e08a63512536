// The plain form of the directives (sent by the analysis worker) silences exactly what the model
// form does, for diagnostics the main thread adds later (metric/unknown, alert links).
import test from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { buildModel } from '../../../server/src/model/build';
import { withoutSuppressed } from '../../../server/src/suppression/apply';
import { plainSuppressions, withoutPlainSuppressed } from '../../../server/src/suppression/plain';

const text = [
  '# T', '',
  '<!-- runbook-disable metric/unknown -->', '',
  '```promql', 'rate(nope_total[5m])', '```', '',
  '```promql', 'rate(other_total[5m])', '```', '',
  'See `inline_metric` here.', '',
  '<!-- runbook-disable-file alert/no-rule -->', '',
  '## KubeThingDown', '',
].join('\n');

test('plain suppressions filter as withoutSuppressed does: per block, per file, other codes kept', () => {
  const model = buildModel(text);
  const at = (line: number, code: string): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 4 } }, severity: DiagnosticSeverity.Information, code, message: code });
  const diags = [at(5, 'metric/unknown'), at(9, 'metric/unknown'), at(12, 'metric/unknown'), at(16, 'alert/no-rule'), at(5, 'alert/runbook-link')];
  const plain = plainSuppressions(text, model);
  // Plain data: it crosses a worker boundary as it is.
  assert.deepEqual(structuredClone(plain), plain);
  const kept = withoutPlainSuppressed(diags, plain);
  assert.deepEqual(kept, withoutSuppressed(diags, text, model));
  assert.deepEqual(kept.map(d => [d.range.start.line, d.code]), [[9, 'metric/unknown'], [12, 'metric/unknown'], [5, 'alert/runbook-link']]);
});

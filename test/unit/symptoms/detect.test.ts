// Which list items are symptoms, decided by the PromQL checker; and the field corpus, where none
// of the 515 runbooks writes a symptom as a PromQL condition in a list item (no false lenses).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../../server/src/model/build';
import { symptomCondition, symptomLists, symptomsOf } from '../../../server/src/symptoms/detect';
import { fieldCorpus } from '../../tools/fieldExpectations';

const doc = [
  '# Payouts stuck',
  '',
  '## Symptoms',
  '',
  '- [ ] `treasury_disbursement_backlog > 50` for 2+ epochs',
  '- [x] `treasury_disbursement_lag_seconds_p95 > 300`',
  '- [ ] Executor reports `last_error != null`',
  '* plain bullet: `sum(rate(payout_errors_total[5m])) > 0.1` when the bank is down',
  '- `time() > 5` names no metric',
  '- `treasury_disbursement_backlog` alone is a metric, not a condition',
  '- `payout_errors_total` neither, though its suffix says metric',
  '',
  'A paragraph with `treasury_disbursement_backlog > 1` is prose, not a list.',
  '',
  '## Later',
  '',
  '1. `absent(up{job="treasury"})`',
  '   `rate(x_total[5m]) > 1` on the second line of the item',
  '',
  '   A second paragraph: `payout_errors_total > 1` is not the item\'s own text.',
  '',
].join('\n');

test('a list item whose inline code is a PromQL condition on a metric is a symptom; prose around it is not the query', () => {
  const model = buildModel(doc);
  const found = symptomsOf(model, doc);
  assert.deepEqual(found.map(s => [s.range.start.line, s.expr, s.metrics]), [
    [4, 'treasury_disbursement_backlog > 50', ['treasury_disbursement_backlog']],
    [5, 'treasury_disbursement_lag_seconds_p95 > 300', ['treasury_disbursement_lag_seconds_p95']],
    [7, 'sum(rate(payout_errors_total[5m])) > 0.1', ['payout_errors_total']],
    [16, 'absent(up{job="treasury"})', ['up']],
  ]);
  // The hint goes at the end of the code's line, after the prose.
  assert.deepEqual(found[0].lineEnd, { line: 4, character: doc.split('\n')[4].length });
});

test('symptoms are grouped by list: the lens goes above each list\'s first item', () => {
  const model = buildModel(doc);
  assert.deepEqual(symptomLists(model, doc).map(l => [l.line, l.symptoms.length]), [[4, 2], [7, 1], [16, 1]]);
});

test('the checker decides, not a pattern: code that is not PromQL, or names no metric, is no symptom', () => {
  for (const code of ['last_error != null', 'time() > 5', 'kubectl get pods', 'status == "ok"', 'df -h', 'x.y > 3', 'rate(x_total[5m]', 'treasury_disbursement_backlog', 'payout_errors_total', '42 > 1'])
    assert.equal(symptomCondition(code), undefined, code);
  for (const code of ['up == 0', 'treasury_disbursement_backlog > 50', '{__name__="up"} == 0', 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5'])
    assert.ok(symptomCondition(code), code);
});

test('a change of list marker starts a new list (CommonMark), so a new lens', () => {
  const t = '- `up == 0`\n- `node_load1 > 4`\n\n1. `node_load5 > 4`\n\n* `node_load15 > 4`\n  - `process_open_fds > 1000`\n';
  assert.deepEqual(symptomLists(buildModel(t), t).map(l => [l.line, l.symptoms.length]), [[0, 2], [3, 1], [5, 2]]);
});

test('a symptom inside a block quote and nested lists is found; one condition per item', () => {
  const t = '> - `up == 0` or `absent(up)`\n>   - `node_load1 > 4`\n';
  assert.deepEqual(symptomsOf(buildModel(t), t).map(s => s.expr), ['up == 0', 'node_load1 > 4']);
});

const FIELD = fieldCorpus();
test('field corpus: no list item there is a symptom (its symptom lists are prose)', { skip: FIELD ? false : 'field corpus not present' }, () => {
  const walk = (d: string): string[] => readdirSync(d).flatMap(f => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : p.endsWith('.md') ? [p] : []; });
  const found: string[] = [];
  let files = 0;
  for (const f of walk(FIELD!)) {
    files++;
    const t = readFileSync(f, 'utf8');
    for (const s of symptomsOf(buildModel(t), t)) found.push(`${f}:${s.range.start.line + 1} ${s.expr}`);
  }
  assert.ok(files > 500, `${files} runbooks`);
  assert.deepEqual(found, []);
});

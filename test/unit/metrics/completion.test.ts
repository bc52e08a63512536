import test from 'node:test';
import assert from 'node:assert/strict';
import { completionContext } from '../../../server/src/metrics/completionContext';
import { labelValueItems, metricNameItems } from '../../../server/src/metrics/completionItems';
import { fuzzyFilter, fuzzyScore } from '../../../server/src/metrics/fuzzy';

test('context: metric name, label name after {, label value after =', () => {
  assert.deepEqual(completionContext('sum(rate(http_req'), { kind: 'metric', prefix: 'http_req', start: 9 });
  assert.deepEqual(completionContext('http_requests_total{'), { kind: 'labelName', metric: 'http_requests_total', prefix: '', start: 20 });
  assert.deepEqual(completionContext('m{a="x", ro'), { kind: 'labelName', metric: 'm', prefix: 'ro', start: 9 });
  assert.deepEqual(completionContext('m{code=~"5'), { kind: 'labelValue', metric: 'm', label: 'code', prefix: '5', start: 9, quoted: true });
  assert.deepEqual(completionContext('m{code='), { kind: 'labelValue', metric: 'm', label: 'code', prefix: '', start: 7, quoted: false });
  assert.deepEqual(completionContext('{job="a,b", x'), { kind: 'labelName', metric: undefined, prefix: 'x', start: 12 });
});

test('context: nothing inside durations, numbers, strings or after a closed selector value', () => {
  assert.equal(completionContext('rate(m[5m'), undefined);
  assert.equal(completionContext('x > 1.5e'), undefined);
  assert.equal(completionContext('label_replace(m, "dst'), undefined);
  assert.equal(completionContext('m{a=b'), undefined);
  assert.equal(completionContext('m{a="b" '), undefined);
  assert.equal(completionContext(''), undefined);
});

test('fuzzy: prefix beats substring beats subsequence; non-matches are dropped', () => {
  const a = fuzzyScore('http', 'http_requests_total')!;
  const b = fuzzyScore('http', 'envoy_http_requests')!;
  const c = fuzzyScore('htrq', 'http_requests_total')!;
  assert.ok(a > b && b > c, `${a} ${b} ${c}`);
  assert.equal(fuzzyScore('zz', 'http'), undefined);
  const r = fuzzyFilter('re', ['requests', 'bytes_read', 'zzz'], 1);
  assert.deepEqual(r, { matches: ['requests'], total: 2 });
});

test('metric items: none below two characters, capped and marked incomplete, TYPE and HELP attached', () => {
  const names = Array.from({ length: 500 }, (_, i) => `app_metric_${i}_total`);
  const meta = new Map([['app_metric_7_total', { type: 'counter', help: 'Seven <b>things</b>.', unit: '' }]]);
  assert.deepEqual(metricNameItems('a', names, meta), { items: [], isIncomplete: true });
  const r = metricNameItems('app_metric_7', names, meta, 20);
  assert.equal(r.items.length, 20);
  assert.ok(r.isIncomplete);
  assert.equal(r.items[0]!.label, 'app_metric_7_total');
  assert.equal(r.items[0]!.detail, 'counter');
  assert.deepEqual(r.items[0]!.documentation, { kind: 'markdown', value: '**counter** · Seven &lt;b&gt;things&lt;/b&gt;.' });
  assert.equal(metricNameItems('app_metric_7_total', names, meta).isIncomplete, false);
});

test('label value items quote and escape when the quote is not typed yet', () => {
  const r = labelValueItems('', ['a"b', 'c'], 'x', false);
  assert.deepEqual(r.items.map((i) => i.insertText), ['"a\\"b"', '"c"']);
  assert.deepEqual(labelValueItems('', ['c'], 'x', true).items[0]!.insertText, 'c');
});

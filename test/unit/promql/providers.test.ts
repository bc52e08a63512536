import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/model/build';
import { promqlPlaceAt, promqlPlaceInFile } from '../../../server/src/promql/places';
import { promqlHover } from '../../../server/src/promql/hover';
import { promqlCompletions } from '../../../server/src/promql/completion';
import { promqlHoverAt, promqlCompletionsAt } from '../../../server/src/promql/documentFeatures';

const text = [
  '# T', '', '```promql', 'up', '', 'sum by (job) (', '  rate(x_total[5m])', ')', '```', '',
  '```bash', `watch -n5 'prometheus_query "rate(y_total[5m])"'`, 'echo rate(nope)', '```', '',
  '```yaml', '- alert: A', '  expr: |', '    irate(z_total[5m]) > 1', '```', '',
  'See `histogram_quantile(0.9, rate(b_bucket[5m]))` and `df -h`.', '',
].join('\n');
const model = buildModel(text);

test('promqlPlaceAt finds the expression in every kind of place, with a map back to the document', () => {
  const cases: [string, string, string][] = [
    ['rate(x_total', 'promql-block', 'sum by (job) (\n  rate(x_total[5m])\n)'],
    ['rate(y_total', 'shell', 'rate(y_total[5m])'],
    ['irate', 'yaml-expr', 'irate(z_total[5m]) > 1'],
    ['histogram_quantile', 'inline', 'histogram_quantile(0.9, rate(b_bucket[5m]))'],
  ];
  for (const [needle, source, expr] of cases) {
    const off = text.indexOf(needle) + 2;
    const p = promqlPlaceAt(model, text, off);
    assert.ok(p, needle);
    assert.equal(p.source, source);
    assert.equal(p.expr, expr);
    assert.equal(p.docOffset(p.index), off);
  }
  assert.equal(promqlPlaceAt(model, text, text.indexOf('echo rate(nope)') + 6), undefined);
  assert.equal(promqlPlaceAt(model, text, text.indexOf('df -h') + 1), undefined);
  assert.equal(promqlPlaceAt(model, text, 1), undefined);
});

test('hover on a function or aggregation gives its signature and doc, with the name range', () => {
  const h = promqlHover('sum by (job) (rate(x[5m]))', 15)!;
  assert.deepEqual([h.from, h.to], [14, 18]);
  assert.match(h.contents.value, /rate\(range_v: range vector\) → instant vector/);
  assert.match(h.contents.value, /Per-second/);
  assert.match(promqlHover('topk(3, x)', 1)!.contents.value, /k: scalar/);
  assert.equal(promqlHover('sum(x)', 4), undefined);
  const doc = promqlHoverAt(model, text, text.indexOf('irate') + 1)!;
  assert.deepEqual(doc.range, { start: { line: 18, character: 4 }, end: { line: 18, character: 9 } });
});

test('completion: functions with signature and doc, aggregations, keywords, known metrics; durations in ranges', () => {
  const items = promqlCompletions('ra', 2, { metricNames: ['svc_requests_total', 'svc_requests_total'] });
  const rate = items.find((i) => i.label === 'rate')!;
  assert.match(String(rate.detail), /range vector/);
  assert.ok(items.some((i) => i.label === 'topk' && /k: scalar/.test(String(i.detail))));
  assert.ok(items.some((i) => i.label === 'without'));
  assert.equal(items.filter((i) => i.label === 'svc_requests_total').length, 1);
  assert.deepEqual(promqlCompletions('rate(x[', 7).map((i) => i.label).slice(0, 2), ['1m', '5m']);
  assert.deepEqual(promqlCompletions('x{job="', 7), []);
  assert.deepEqual(promqlCompletions('sum by (', 8), []);
  assert.ok(promqlCompletionsAt(model, text, text.indexOf('up\n\nsum') + 3)!.length > 50);
  assert.equal(promqlCompletionsAt(model, text, 1), undefined);
});

test('standalone .promql files', () => {
  const file = 'up\n\nrate(x[5m])\n';
  const p = promqlPlaceInFile(file, file.indexOf('x['))!;
  assert.equal(p.expr, 'rate(x[5m])');
  assert.equal(p.index, 5);
});

test('standalone .promql files get the same diagnostics as a promql fence, in file positions', async () => {
  const { promqlFileDiagnostics } = await import('../../../server/src/promql/fileDiagnostics');
  const ds = promqlFileDiagnostics('# errors\nrate(errors_total)\n\nirat(x[5m])\n');
  assert.deepEqual(ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [
    ['promql/type', 1, 5, 17],
    ['promql/unknown-function', 3, 0, 4],
  ]);
  assert.deepEqual((ds[1].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, 'irate');
});

test('fences nested in list items: places, hovers and diagnostics land on the indented source', async () => {
  const { analyzeText } = await import('../../../server/src/analysis/pipeline');
  const nested = '# T\n\n1. Check:\n\n   ```promql\n   sum(rate(errs_total))\n   ```\n';
  const m = buildModel(nested);
  const off = nested.indexOf('rate(errs');
  assert.equal(promqlPlaceAt(m, nested, off + 1)?.expr, 'sum(rate(errs_total))');
  assert.deepEqual(promqlHoverAt(m, nested, off + 1)?.range, { start: { line: 5, character: 7 }, end: { line: 5, character: 11 } });
  const { analysis } = await analyzeText(nested);
  const d = analysis.diagnostics.find((x) => x.code === 'promql/type')!;
  assert.deepEqual(d.range, { start: { line: 5, character: 12 }, end: { line: 5, character: 22 } });
});

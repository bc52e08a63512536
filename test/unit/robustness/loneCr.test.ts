// Lone CR line breaks (classic Mac files) end lines for CommonMark and for LSP alike. Regressions
// found by `npm run fuzz -- --lone-cr`: ranges ran past the end of their line.
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../fuzz/properties';

const cases: Record<string, string> = {
  'unclosed fence in a nested quote (info range past the line)': '- > <details>\r  > <summary>x</summary>\r  > \r  > ```bash\r  > ls\r  > ```\r  > </details>\r  ',
  'opening fence line ending in a lone CR': '```> >  ````json\r> > []\r> >  ````\r\rCheck',
  'block body holding lone CRs (body map line arithmetic)': '---\ntitle: x\rowner: sre\n---\r>  ~~~~ba~sh\n> ```\r> \n> $ kubectl kubectl kubectl\r> ```\n> ~~~~ x',
};

for (const [name, text] of Object.entries(cases)) {
  test(`lone CR: ${name}`, async () => {
    assert.deepEqual(await checkDocument(text, [{ changes: [{ at: 0, del: 0, insert: '```' }] }, { changes: [{ at: 7, del: 3, insert: '$VAR' }] }]), []);
  });
}

// Found by the strict fuzz: a lone CR inside a code block is a line break to micromark and to LSP,
// but body lines were cut at `\n` only, so findings after it landed on the wrong line.
test('a lone CR inside a code block body: findings after it keep their line', async () => {
  const { analyzeText } = await import('../../../server/src/analysis/pipeline');
  const text = '# T\n\n```bash\necho one\rcurl -s "$PROM/api/v1/query" --data-urlencode \'query=rate(widget_errors_total[5m])\'\necho <pod>\n```\n';
  const { model, analysis } = await analyzeText(text);
  const lines = text.split(/\r\n|\r|\n/);
  assert.equal(model.blocks[0].bodyLineStarts.length, 3);
  const metric = analysis.metrics.find(m => m.name === 'widget_errors_total')!;
  assert.equal(lines[metric.range.start.line].slice(metric.range.start.character, metric.range.end.character), 'widget_errors_total');
  const pod = analysis.placeholders.find(p => p.text === '<pod>')!;
  assert.equal(lines[pod.range.start.line].slice(pod.range.start.character, pod.range.end.character), '<pod>');
});

test('a PromQL error on an emoji covers the whole character, not half of it', async () => {
  const { analyzeText } = await import('../../../server/src/analysis/pipeline');
  const { analysis } = await analyzeText('```promql\nrate(up[5m]) 😀\n```\n');
  const d = analysis.diagnostics.find(x => String(x.code).startsWith('promql/'))!;
  assert.ok(d, 'a PromQL diagnostic');
  const line = 'rate(up[5m]) 😀';
  for (const p of [d.range.start, d.range.end]) {
    const c = line.charCodeAt(p.character);
    assert.ok(!(c >= 0xdc00 && c <= 0xdfff), `position ${p.character} splits the emoji`);
  }
});

// Found by the 100k fuzz run: an inline code span that wraps onto the next line kept its text
// verbatim, and its ranges were mapped as if it sat on one line.
test('a PromQL inline span wrapped over two lines maps each metric to its own line', async () => {
  const { analyzeText } = await import('../../../server/src/analysis/pipeline');
  const text = 'Check `sum(rate(errors_total[5m]))\n/ sum(rate(requests_total[5m]))` now.\n';
  const { analysis } = await analyzeText(text);
  const lines = text.split('\n');
  const at = (p: { line: number; character: number }) => { assert.ok(p.character <= lines[p.line].length, `${JSON.stringify(p)} is past its line`); return p; };
  const m = analysis.metrics.find(x => x.name === 'requests_total')!;
  assert.equal(at(m.range.start).line, 1);
  assert.equal(lines[1].slice(m.range.start.character, at(m.range.end).character), 'requests_total');
  at(m.exprRange!.end);
});

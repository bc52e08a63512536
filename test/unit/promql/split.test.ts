import test from 'node:test';
import assert from 'node:assert/strict';
import { splitStatements } from '../../../server/src/promql/split';
import { analyzePromqlBody } from '../../../server/src/promql/blockAnalyzer';

test('a block with several expressions, comments and blank lines splits into expressions', () => {
  const body = '# error rate\nrate(errors_total[5m])\n\n# latency\nhistogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))\nup == 0\n';
  assert.deepEqual(splitStatements(body).map((s) => s.text), [
    'rate(errors_total[5m])',
    'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
    'up == 0',
  ]);
  assert.deepEqual(analyzePromqlBody(body).diagnostics, []);
});

test('a multi-line expression stays one expression, with offsets into the body', () => {
  const body = 'sum by (job) (\n  rate(x_total[5m])\n)\n  /\nsum by (job) (rate(y_total[5m]))\nup';
  const st = splitStatements(body);
  assert.equal(st.length, 2);
  assert.equal(st[0].text, body.slice(0, body.indexOf('\nup')));
  assert.equal(st[1].text, 'up');
  assert.equal(body.slice(st[1].from, st[1].to), 'up');
});

test('one expression per line when each line is complete', () => {
  assert.deepEqual(splitStatements('up\nfoo\nbar > 1').map((s) => s.text), ['up', 'foo', 'bar > 1']);
});

test('an error in one expression does not swallow the next', () => {
  const body = 'treasury_backlog > 100 for 3 epochs\nup\nsum(rat(x[5m])\n)\nnode_load1';
  assert.deepEqual(splitStatements(body).map((s) => s.text), ['treasury_backlog > 100 for 3 epochs', 'up', 'sum(rat(x[5m])\n)', 'node_load1']);
  const f = analyzePromqlBody(body);
  assert.deepEqual(f.diagnostics!.map((d) => [d.code, body.slice(d.span.start, d.span.end)]), [
    ['promql/syntax', 'for'],
    ['promql/unknown-function', 'rat'],
  ]);
});

test('a block of comments only is empty, not an error', () => {
  assert.deepEqual(splitStatements('# nothing to run yet\n# TODO\n'), []);
  assert.deepEqual(analyzePromqlBody('# nothing to run yet\n').diagnostics, []);
});

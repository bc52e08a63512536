import test from 'node:test';
import assert from 'node:assert/strict';
import { lintExpression } from '../../../server/src/promql/lint';

const problems = (expr: string, context?: 'rule') => lintExpression(expr, { context }).problems
  .map((p) => ({ code: p.code, text: expr.slice(p.from, p.to), message: p.message, fixes: p.fixes }));

test('`> 100 for 3 epochs`: the error is `for`, at its exact range, with a message about the for: field', () => {
  const expr = 'treasury_backlog > 100 for 3 epochs';
  const r = lintExpression(expr);
  assert.equal(r.problems.length, 1);
  const [p] = r.problems;
  assert.equal(p.code, 'promql/syntax');
  assert.deepEqual([p.from, p.to], [23, 26]);
  assert.match(p.message, /`for` is not PromQL/);
  assert.match(p.message, /alert rule's `for:` field/);
});

test('rate(x): rate needs a range vector, reported on the argument', () => {
  const [p, ...rest] = problems('rate(x)');
  assert.equal(rest.length, 0);
  assert.equal(p.code, 'promql/type');
  assert.equal(p.text, 'x');
  assert.match(p.message, /range vector/);
  assert.match(p.message, /rate\(x\[5m\]\)/);
});

test('topk(foo, bar): k must be a scalar', () => {
  const [p] = problems('topk(foo, bar)');
  assert.equal(p.code, 'promql/type');
  assert.equal(p.text, 'foo');
  assert.match(p.message, /scalar/);
});

test('label_replace with 4 arguments is an arity error naming the 5 parameters', () => {
  const [p] = problems('label_replace(up, "host", "$1", "instance")');
  assert.equal(p.code, 'promql/arity');
  assert.match(p.message, /takes 5 arguments .*regex.*got 4/);
});

test('1 and 2: set operators are not allowed between scalars', () => {
  const [p] = problems('1 and 2');
  assert.equal(p.code, 'promql/type');
  assert.equal(p.text, 'and');
});

test('unknown function: did you mean, and a fix only when one name is one edit away', () => {
  const [rat] = problems('rat(x[5m])');
  assert.equal(rat.code, 'promql/unknown-function');
  assert.equal(rat.text, 'rat');
  assert.match(rat.message, /Did you mean `rate`/);
  assert.equal(rat.fixes, undefined, 'rate and rad are both one edit away: no certain fix');
  const [irat] = problems('irat(x[5m])');
  assert.deepEqual(irat.fixes?.[0].edits, [{ from: 0, to: 4, newText: 'irate' }]);
  const [hw] = problems('holt_winters(x[5m], 0.5, 0.5)');
  assert.equal(hw.fixes?.[0].edits[0].newText, 'double_exponential_smoothing');
});

test('syntax errors are reported where the code is wrong, with actionable messages', () => {
  const unclosed = problems('rate(up[5m]');
  assert.equal(unclosed.length, 1, 'an error at the very end of the expression is still an error');
  assert.equal(unclosed[0].text, '(');
  assert.match(unclosed[0].message, /never closed/);
  const [unquoted] = problems('up{job=api}');
  assert.equal(unquoted.text, 'api');
  assert.deepEqual(unquoted.fixes?.[0].edits, [{ from: 7, to: 10, newText: '"api"' }]);
  const [amp] = problems('up && foo');
  assert.equal(amp.text, '&&');
  assert.match(amp.message, /use `and`/);
  const [by] = problems('sum by job (x)');
  assert.match(by.message, /parentheses/);
  const [two] = problems('foo bar');
  assert.equal(two.text, 'bar');
});

test('type rules: bool, vector matching, offset placement, subqueries, selectors', () => {
  assert.match(problems('1 > 2')[0].message, /bool/);
  assert.equal(problems('1 > bool 2').length, 0);
  assert.match(problems('a + bool b')[0].message, /only applies to comparison/);
  assert.match(problems('1 + on(job) up')[0].message, /Vector matching/);
  assert.match(problems('a and on(x) group_left b')[0].message, /No grouping/);
  assert.match(problems('x offset 5m offset 1h')[0].message, /set twice/);
  assert.match(problems('sum(x)[5m]')[0].message, /subquery/);
  assert.match(problems('rate(x[5m])[5m:1m] offset 1m + 1')[0].message, /range vector/);
  assert.match(problems('{}')[0].message, /metric name or at least one label matcher/);
  assert.match(problems('sum(x[5m])')[0].message, /aggregates an instant vector/);
  assert.match(problems('count_values(x)')[0].message, /takes 2 arguments/);
  assert.match(problems('rate(x[5m])[5m]')[0].message, /subquery/);
});

test('well-formed expressions from the Prometheus docs raise nothing', () => {
  for (const expr of [
    'http_requests_total{job="apiserver", handler="/api/comments"}[5m]',
    'rate(http_requests_total[5m])[30m:1m]',
    'max_over_time(deriv(rate(distance_covered_total[5s])[30s:5s])[10m:])',
    'sum by (job) (rate(http_requests_total[5m])) / on(job) group_left sum by (job) (up)',
    'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[10m])))',
    'label_join(up{job="api-server"}, "foo", ",", "src1", "src2", "src3")',
    'count_values("version", build_version)',
    'topk(3, sum by (app, proc) (rate(instance_cpu_time_ns[5m])))',
    'http_requests_total offset 5m @ 1609746000',
    'absent(nonexistent{job="myjob"})',
    'predict_linear(node_filesystem_free_bytes[1h], 4 * 3600) < 0',
    'time() - process_start_time_seconds > 3600',
    'up == bool 1',
    '{__name__=~"job:.*"}',
    'vector(1) and on() (hour() > 9)',
    '-rate(x[5m]) + scalar(sum(up))',
    'round(x, 0.5)',
    'clamp(x, 0, 1)',
    '# comment\nup # trailing',
  ]) assert.deepEqual(problems(expr), [], expr);
});

test('rule context: a rule must give an instant vector or scalar', () => {
  assert.match(problems('up[5m]', 'rule')[0].message, /instant vector or scalar/);
  assert.deepEqual(problems('up[5m]'), []);
});

test('a comment-only expression is empty, not an error', () => {
  assert.deepEqual(problems('# just a note'), []);
  assert.deepEqual(problems('  \n'), []);
});

test('template variables ($__rate_interval, ${job}) are a warning at the variable, not a generic syntax error', () => {
  const expr = 'rate(x{job="$job"}[$__rate_interval])';
  const [p] = lintExpression(expr).problems;
  assert.equal(p.severity, 'warning');
  assert.equal(expr.slice(p.from, p.to), '$__rate_interval');
  assert.match(p.message, /template variable/);
});

test('operator typos: the whole operator is replaced, and only when the operand before it is complete', () => {
  const fix = (expr: string) => lintExpression(expr).problems[0].fixes?.[0].edits[0];
  assert.deepEqual(fix('x === 1'), { from: 2, to: 5, newText: '==' });
  assert.deepEqual(fix('x => 1'), { from: 2, to: 4, newText: '>=' });
  assert.deepEqual(fix('x <> 1'), { from: 2, to: 4, newText: '!=' });
  assert.deepEqual(fix('x = 1'), { from: 2, to: 3, newText: '==' });
  assert.equal(fix('x == = 1'), undefined);
  assert.match(lintExpression('sum by (job) rate(x[5m])').problems[0].message, /argument of `sum` goes in parentheses/);
});

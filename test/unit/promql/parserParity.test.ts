// The cases where our checks disagreed with Prometheus's parser (issue 13 §9), one assertion each,
// so they hold on machines without promtool too. The differential test finds new ones.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lintExpression } from '../../../server/src/promql/lint';

const errors = (e: string) => lintExpression(e).problems.filter((p) => p.severity === 'error');
const first = (e: string) => errors(e)[0];

test('valid: a modifier on an operand of a binary or unary operator', () => {
  for (const e of ['a - a offset 10m', '-metric @ 100', 'a offset 5m - b offset 1h', 'x / on(job) y offset 1d',
    'kube_pod_container_status_restarts_total - kube_pod_container_status_restarts_total offset 1h > 3', '-rate(x[5m] @ 100)']) {
    assert.deepEqual(errors(e), [], e);
  }
});

test('invalid: a modifier on a parenthesised or call expression, or set twice', () => {
  assert.match(first('(a - b) offset 5m').message, /must follow a selector/);
  assert.match(first('rate(x[5m]) offset 5m').message, /must follow a selector/);
  assert.match(first('a - b offset 5m offset 1h').message, /set twice/);
});

test('valid: numbers with a trailing dot, and offset as a metric name', () => {
  for (const e of ['1./6.', '5.e3 + 5.E-3', '0X1f + 0x1F', 'x > 1. and y', 'offset{step="1s"}', 'x + offset', 'offset + 1', 'rate(offset[5m])']) {
    assert.deepEqual(errors(e), [], e);
  }
  assert.deepEqual(errors('x offset 5m'), []);
  assert.ok(first('2.5e-1.'), 'a second dot is still wrong');
});

test('the metric name twice only when one is before the braces', () => {
  assert.deepEqual(errors('{__name__="a", __name__="b"}'), []);
  assert.match(first('x{__name__="y"}').message, /metric name is set twice/);
});

test('ranges, steps and offsets are range-checked', () => {
  assert.match(first('rate(x[0m])').message, /range must be longer than 0/);
  assert.match(first('rate(x[-2m])').message, /range must be longer than 0/);
  assert.match(first('max_over_time(x[5m:0s])').message, /step must be longer than 0/);
  assert.match(first('rate(x[1000y])').message, /too long/);
  assert.match(first('x offset 99999999999999999999y').message, /too long/);
  for (const e of ['x offset -5m', 'x offset 0s', 'rate(x[1m30s])', 'max_over_time(x[1h:])', 'x[1ms]']) assert.deepEqual(errors(e), [], e);
});

test('@ times must be finite and fit', () => {
  for (const e of ['x @ +Inf', 'x @ NaN', 'x @ -Inf', 'x @ 1e20']) assert.match(first(e).message, /not a time/, e);
  for (const e of ['x @ 1700000000', 'x @ 9e18', 'x @ start()', 'x @ -5']) assert.deepEqual(errors(e), [], e);
});

test('string escapes follow Go: an unknown escape is an error, at the escape', () => {
  const p = first('x{a=~"\\d+"}');
  assert.deepEqual([p.from, p.to], [6, 8]);
  assert.match(p.message, /not a valid escape.*backticks/);
  assert.ok(first('"\\c"'));
  assert.ok(first('"\\x4"'));
  assert.ok(first('"\\ud800"'));
  assert.ok(first(`"\\'"`), 'a single quote escaped inside double quotes');
  for (const e of ['x{a=~"\\\\d+"}', 'x{a=~`\\d+`}', '"\\u00e9\\x41\\101\\n\\t\\\\\\""', "x{a='\\''}"]) assert.deepEqual(errors(e), [], e);
});

test('label regexes are checked as RE2, and only what RE2 certainly rejects is reported', () => {
  for (const [e, re] of [['x{a=~"(?=a)b"}', /lookahead/], ['x{a=~"(a)\\\\1"}', /backreferences/], ['x{a=~"[z-a]"}', /backwards range/],
    ['x{a=~"a++"}', /repeats a repetition/], ['x{a=~"(a"}', /never closed/], ['x{a=~"*a"}', /nothing to repeat/],
    ['x{a=~"\\\\Z"}', /not an escape/], ['x{a!~"a{1001}"}', /repeat count/]] as const) {
    assert.match(first(e)?.message ?? 'none', re, e);
  }
  for (const e of ['x{a=~"(?i)api|web"}', 'x{a=~"(?P<n>a)"}', 'x{a=~"(?<n>a)"}', 'x{a=~"\\\\Qa.b\\\\E"}', 'x{a=~"[[:alpha:]]+"}',
    'x{a=~"a{,3}"}', 'x{a=~"\\\\pL\\\\p{Greek}"}', 'x{a=~"[]a]"}', 'x{a=~"5.."}']) {
    assert.deepEqual(errors(e), [], e);
  }
  const p = first('x{a=~"ok|(?=b)"}');
  assert.deepEqual([p.from, p.to], [9, 12], 'the range is the construct inside the string');
});

test('a selector needs a matcher that does not match the empty string (!~ inverted)', () => {
  assert.match(first('{x!~".+"}').message, /does not match the empty string/);
  assert.match(first('{x=~".*"}').message, /does not match the empty string/);
  assert.deepEqual(errors('{x!~""}'), []);
  assert.deepEqual(errors('{x!=""}'), []);
});

test('messages: trailing comma, by after a non-aggregation, shell prompt, pasted output, renamed function', () => {
  const comma = first('sum(x,)');
  assert.match(comma.message, /trailing `,`/);
  assert.deepEqual(comma.fixes?.[0].edits[0], { from: 5, to: 6, newText: '' });
  for (const e of ['total by (job)', '{total by (job)}']) {
    const p = first(e);
    assert.doesNotMatch(p.message, /needs an operator/, e);
    assert.match(p.message, /`total` is not an aggregation operator/, e);
  }
  assert.match(first('$ kmp_mac_collisions > 1').message, /shell prompt/);
  const output = lintExpression('x{name="a", ns="b"} 1').problems[0];
  assert.equal(output.severity, 'warning');
  assert.match(output.message, /looks like query output/);
  const hw = lintExpression('holt_winters(x[1h], 0.3, 0.3)').problems[0];
  assert.equal(hw.severity, 'warning');
  assert.match(hw.message, /renamed `double_exponential_smoothing`/);
});

test('a range or subquery binds to the operand before it, as in Prometheus (lezer binds it to the whole operation)', () => {
  const p = first('max_over_time(a / b[1h:5m])');
  assert.match(p.message, /`\[1h:5m\]` applies only to `b`.*`\(a \/ b\)\[1h:5m\]`/);
  assert.ok(first('-b[5m]'));
  assert.deepEqual(errors('max_over_time((a - b)[1h:])'), []);
});

test('label_replace with a regex RE2 rejects fails when run: an error on the regex', () => {
  const p = first('label_replace(up, "a", "$1", "b", "(.*")');
  assert.match(p.message, /label_replace.*never closed/);
  assert.deepEqual(errors('label_replace(up, "a", "$1", "b", "(?P<x>.*)")'), []);
});

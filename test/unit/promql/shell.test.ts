import test from 'node:test';
import assert from 'node:assert/strict';
import { findShellQueries } from '../../../server/src/promql/shellQueries';
import { analyzeShellPromql } from '../../../server/src/promql/shellAnalyzer';

const queries = (body: string) => findShellQueries(body).map((q) => {
  const sp = q.expr.span(0, q.expr.text.length);
  return { via: q.via, expr: q.expr.text, source: body.slice(sp.start, sp.end) };
});

test('prometheus_query with single and double quotes', () => {
  assert.deepEqual(queries(`prometheus_query 'rate(a_total[5m])'`), [{ via: 'prometheus_query', expr: 'rate(a_total[5m])', source: 'rate(a_total[5m])' }]);
  const body = 'prometheus_query "up{job=\\"node\\"} == 0"';
  assert.deepEqual(queries(body), [{ via: 'prometheus_query', expr: 'up{job="node"} == 0', source: 'up{job=\\"node\\"} == 0' }]);
});

test('prometheus_query inside watch -n5 \'…\', with escaped quotes, maps errors back exactly', () => {
  const body = `watch -n5 'prometheus_query "rate(errs_total{code=\\"500\\"})"'`;
  assert.deepEqual(queries(body).map((q) => q.expr), ['rate(errs_total{code="500"})']);
  const f = analyzeShellPromql(body);
  assert.equal(f.diagnostics!.length, 1);
  const d = f.diagnostics![0];
  assert.equal(d.code, 'promql/type');
  assert.equal(body.slice(d.span.start, d.span.end), 'errs_total{code=\\"500\\"}');
  assert.deepEqual(f.metrics!.map((m) => body.slice(m.span.start, m.span.end)), ['errs_total']);
});

test('an escaped quote in a syntax error position maps to the backslash-escaped source', () => {
  const body = `prometheus_query "up{job=\\"a} > 1"`;
  const f = analyzeShellPromql(body);
  assert.equal(f.diagnostics![0].code, 'promql/syntax');
  assert.equal(body.slice(f.diagnostics![0].span.start, f.diagnostics![0].span.end), '\\"');
});

test('promtool query instant/range, curl --data-urlencode and query= in a URL', () => {
  assert.deepEqual(queries(`promtool query instant http://localhost:9090 'rate(x_total[5m])'`).map((q) => q.expr), ['rate(x_total[5m])']);
  assert.deepEqual(queries(`promtool query range --start=1h --step 1m http://p:9090 'up'`).map((q) => q.expr), ['up']);
  assert.deepEqual(queries(`curl -s http://p:9090/api/v1/query --data-urlencode 'query=sum(rate(y_total[5m]))' | jq .`).map((q) => q.expr), ['sum(rate(y_total[5m]))']);
  const url = `curl 'http://p:9090/api/v1/query?query=up%7Bjob%3D%22a%22%7D+%3E+0&time=1'`;
  const [q] = queries(url);
  assert.equal(q.expr, 'up{job="a"} > 0');
  assert.equal(q.source, 'up%7Bjob%3D%22a%22%7D+%3E+0');
});

test('shell variables and comments are skipped', () => {
  assert.deepEqual(queries('prometheus_query "${query}"'), []);
  assert.deepEqual(queries('prometheus_query "$1"'), []);
  assert.deepEqual(queries(`# prometheus_query 'nope('\necho done`), []);
  assert.deepEqual(queries('prometheus_query() { curl -G --data-urlencode "query=$1" http://p/api/v1/query; }'), []);
});

test('commands after a pipe or on later lines are found too', () => {
  const body = `echo start && prometheus_query 'up' | jq .\nsleep 1; prometheus_query 'node_load1'`;
  assert.deepEqual(queries(body).map((q) => q.expr), ['up', 'node_load1']);
});

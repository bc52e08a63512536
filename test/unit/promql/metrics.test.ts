import test from 'node:test';
import assert from 'node:assert/strict';
import { extractMetrics } from '../../../server/src/promql/metrics';
import { parsePromql } from '../../../server/src/promql/parse';

const names = (expr: string) => extractMetrics(parsePromql(expr), expr).map((m) => m.name);

test('selector identifiers, __name__ matchers and quoted names are metrics', () => {
  assert.deepEqual(names('sum by (job) (rate(http_requests_total{job="api"}[5m]))'), ['http_requests_total']);
  assert.deepEqual(names('{__name__="foo_total", job="x"}'), ['foo_total']);
  assert.deepEqual(names('{"my.dotted.metric", job="x"}'), ['my.dotted.metric']);
  assert.deepEqual(names('a / on(instance) group_left(nodename) node_uname_info'), ['a', 'node_uname_info']);
});

test('ranges point at the name (inside quotes for quoted names)', () => {
  const expr = 'x + {__name__="y_total"}';
  const ms = extractMetrics(parsePromql(expr), expr);
  assert.deepEqual(ms.map((m) => expr.slice(m.from, m.to)), ['x', 'y_total']);
});

test('never function names, label names, keywords, regex name matchers or error recovery', () => {
  assert.deepEqual(names('treasury_backlog > 100 for 3 epochs'), ['treasury_backlog']);
  assert.deepEqual(names('rat(x[5m])'), []);
  assert.deepEqual(names('time() - vector(1)'), []);
  assert.deepEqual(names('{__name__=~"job:.*"}'), []);
  assert.deepEqual(names('sum without (instance) (up) offset 5m'), ['up']);
});

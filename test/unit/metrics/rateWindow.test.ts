import test from 'node:test';
import assert from 'node:assert/strict';
import { durationSeconds, rateWindows } from '../../../server/src/metrics/rateWindow';

test('durations in PromQL syntax', () => {
  assert.equal(durationSeconds('5m'), 300);
  assert.equal(durationSeconds('1h30m'), 5400);
  assert.equal(durationSeconds('500ms'), 0.5);
  assert.equal(durationSeconds('90'), 90);
  assert.equal(durationSeconds('5x'), undefined);
  assert.equal(durationSeconds('5m!'), undefined);
});

test('rate-like calls over a range selector, with window offsets', () => {
  const expr = 'sum(rate(http_requests_total{job="a"}[30s])) / increase(x[1m:10s]) + irate(y[2m])';
  const w = rateWindows(expr);
  assert.deepEqual(w.map((x) => [x.func, x.metric, x.seconds, expr.slice(x.start, x.end)]), [
    ['rate', 'http_requests_total', 30, '30s'],
    ['irate', 'y', 120, '2m'],
  ]);
  assert.deepEqual(rateWindows('sum(up)'), []);
  assert.deepEqual(rateWindows('rate(x['), []);
});

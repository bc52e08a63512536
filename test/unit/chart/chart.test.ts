// The chart panel's pure parts: legend names shortened to what differs, the range picker's
// windows and steps, and query_range answers laid on one time grid.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { legendNames } from '../../../server/src/chart/legend';
import { chartWindow, durationSeconds, stepFor } from '../../../server/src/chart/range';
import { chartData, MAX_SERIES } from '../../../server/src/chart/data';
import { graphLink } from '../../../server/src/metrics/graphLink';

const one = (labels: Record<string, string>, query = 0, expr = 'q') => ({ labels, query, expr });

test('legend: only the labels whose values differ, the metric name only when it differs', () => {
  const names = legendNames([
    one({ __name__: 'http_requests_total', job: 'api', instance: 'a:9', code: '200' }),
    one({ __name__: 'http_requests_total', job: 'api', instance: 'b:9', code: '200' }),
    one({ __name__: 'http_requests_total', job: 'api', instance: 'b:9', code: '500' }),
  ]);
  assert.deepEqual(names, ['code="200", instance="a:9"', 'code="200", instance="b:9"', 'code="500", instance="b:9"']);
});

test('legend: a label missing from some series counts as differing; a lone series keeps all its labels', () => {
  assert.deepEqual(legendNames([one({ job: 'api' }), one({ job: 'api', pod: 'p1' })]), ['q', 'pod="p1"'], 'no label of its own: named by its query');
  assert.deepEqual(legendNames([one({ __name__: 'up', job: 'api' })]), ['up, job="api"']);
});

test('legend: a series with no labels is named by its query; two queries are told apart by number', () => {
  assert.deepEqual(legendNames([one({}, 0, 'sum(rate(x[5m]))')]), ['sum(rate(x[5m]))']);
  assert.deepEqual(legendNames([one({ route: '/a' }, 0, 'a'), one({ route: '/a' }, 1, 'b')]), ['#1 a', '#2 b']);
  assert.deepEqual(legendNames([one({ route: '/a' }, 0, 'a'), one({ route: '/b' }, 1, 'b')]), ['#1 route="/a"', '#2 route="/b"']);
  assert.deepEqual(legendNames([one({}, 0, 'sum(\n  x\n)')]), ['sum( x )']);
  assert.ok(legendNames([one({ x: 'y'.repeat(200) })])[0]!.length <= 80);
});

test('range: presets and durations end on a step boundary with about 300 points', () => {
  const now = Date.UTC(2026, 11, 3, 10, 0, 7);
  for (const [text, seconds] of [['15m', 900], ['1h', 3600], ['6h', 21600], ['24h', 86400], ['1h30m', 5400], ['2d', 172800]] as const) {
    const w = chartWindow(text, now);
    assert.ok(!('error' in w), text);
    assert.equal(w.end % w.step, 0, `${text}: end on the grid`);
    assert.ok(w.end <= now / 1000 && now / 1000 - w.end < w.step, `${text}: ends now`);
    assert.ok(w.end - w.start >= seconds && w.end - w.start < seconds + w.step, `${text}: covers ${seconds}s`);
    const points = (w.end - w.start) / w.step + 1;
    assert.ok(points <= 301 && points >= 100, `${text}: ${points} points`);
    assert.equal(w.graph.range, text);
  }
  assert.equal(stepFor(3600), 15);
  assert.equal(durationSeconds('1h30m'), 5400);
  assert.equal(durationSeconds('1 hour'), undefined);
});

test('range: a custom FROM to TO range, in UTC unless an offset is given; bad input says what is accepted', () => {
  const w = chartWindow('2026-12-03T08:00 to 2026-12-03T10:00');
  assert.ok(!('error' in w));
  assert.equal(w.start, Date.UTC(2026, 11, 3, 8) / 1000);
  assert.equal(w.end, Date.UTC(2026, 11, 3, 10) / 1000);
  assert.deepEqual(w.graph, { range: '7200s', end: Date.UTC(2026, 11, 3, 10) / 1000 });
  const z = chartWindow('2026-12-03T08:00+01:00..2026-12-03T09:00+01:00');
  assert.ok(!('error' in z));
  assert.equal(z.start, Date.UTC(2026, 11, 3, 7) / 1000);
  for (const bad of ['yesterday', '10s', '200d', '2026-12-03T10:00 to 2026-12-03T08:00', '2026-13-45 to 2026-12-03']) {
    const r = chartWindow(bad);
    assert.ok('error' in r, bad);
    assert.match(r.error, /range|times|short|long|starts/);
  }
  assert.ok(!('error' in chartWindow('')), 'empty is the default range');
});

test('data: series on one grid, gaps where there is no sample or the sample is NaN, errors per query', () => {
  const window = { start: 100, end: 160, step: 15, label: 'last 1m', graph: { range: '1m' } };
  const d = chartData('staging', window, [
    { expr: 'up', data: { resultType: 'matrix', result: [
      { metric: { __name__: 'up', instance: 'a' }, values: [[100, '1'], [130, '0'], [145, 'NaN'], [160, '+Inf']] },
      { metric: { __name__: 'up', instance: 'b' }, values: [[115, '1']] },
    ] }, graphUrl: 'http://p/graph' },
    { expr: 'nosuch(', error: 'Prometheus http://p: bad_data: parse error' },
  ]);
  assert.deepEqual(d.times, [100, 115, 130, 145, 160]);
  assert.deepEqual(d.series.map(s => s.values), [[1, null, 0, null, null], [null, 1, null, null, null]]);
  assert.deepEqual(d.series.map(s => s.name), ['instance="a"', 'instance="b"']);
  assert.deepEqual(d.queries, [{ expr: 'up', series: 2, graphUrl: 'http://p/graph' }, { expr: 'nosuch(', series: 0, error: 'Prometheus http://p: bad_data: parse error' }]);
  assert.equal(d.env, 'staging');
});

test('data: at most MAX_SERIES series are drawn, and the rest are counted', () => {
  const result = Array.from({ length: MAX_SERIES + 5 }, (_, i) => ({ metric: { pod: `p${i}` }, values: [[0, '1']] as [number, string][] }));
  const d = chartData('e', { start: 0, end: 60, step: 15, label: '', graph: { range: '1m' } }, [{ expr: 'x', data: { resultType: 'matrix', result } }]);
  assert.equal(d.series.length, MAX_SERIES);
  assert.equal(d.omitted, 5);
  assert.equal(d.queries[0]!.series, MAX_SERIES + 5);
});

test('graph link: the chart window goes into the link, credentials never', () => {
  const href = graphLink('https://u:p@prom.example.com/', 'up', { range: '6h' })!;
  assert.match(href, /range_input=6h/);
  assert.doesNotMatch(href, /u:p|@/);
  assert.match(graphLink('http://p/', 'up', { range: '7200s', end: Date.UTC(2026, 11, 3, 10) / 1000 })!, /end_input=2026-12-03%2010%3A00%3A00/);
});

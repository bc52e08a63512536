import test from 'node:test';
import assert from 'node:assert/strict';
import { resample, sparkline } from '../../../server/src/metrics/sparkline';
import { svgDataUri, trendSvg } from '../../../server/src/metrics/trendChart';
import { formatValue, unitOf } from '../../../server/src/metrics/valueFormat';

test('sparkline maps min to ▁ and max to █, gaps to spaces, flat to a flat line', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7]), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([1, NaN, 3]), '▁ █');
  assert.equal(sparkline([5, 5, 5]), '▄▄▄');
  assert.equal(sparkline([]), '');
  assert.equal(sparkline([NaN, NaN]), '');
  assert.equal(sparkline(Array.from({ length: 61 }, (_, i) => i)).length, 30);
});

test('resample averages buckets and keeps all-NaN buckets as gaps', () => {
  assert.deepEqual(resample([1, 3, 5, 7], 2), [2, 6]);
  const r = resample([1, 1, NaN, NaN], 2);
  assert.equal(r[0], 1);
  assert.ok(Number.isNaN(r[1]));
});

test('trend SVG draws one path per contiguous segment and scales into the box', () => {
  const pts = [0, 1, 2, 3, 4, 5].map((i) => ({ t: i * 60, v: i === 3 ? NaN : i }));
  const svg = trendSvg(pts, { width: 100, height: 20 });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="100" height="20"/);
  assert.equal((svg.match(/fill="none"/g) ?? []).length, 2, 'the gap splits the line in two');
  for (const m of svg.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    assert.ok(x >= 0 && x <= 100 && y >= 0 && y <= 20, `${x},${y} inside the box`);
  }
  assert.ok(!trendSvg([{ t: 0, v: 1 }]).includes('<path'), 'one point: baseline only');
  assert.match(svgDataUri('<svg/>'), /^data:image\/svg\+xml;base64,PHN2Zy8\+$/);
});

test('values read naturally', () => {
  assert.equal(formatValue('1234.567'), '1,234.57');
  assert.equal(formatValue(0.012345), '0.0123');
  assert.equal(formatValue(2_400_000), '2.4M');
  assert.equal(formatValue('NaN'), 'NaN');
  assert.equal(formatValue('+Inf'), '+Inf');
  assert.equal(formatValue(0), '0');
  assert.equal(unitOf('http_request_duration_seconds_bucket'), 'seconds');
  assert.equal(unitOf('process_resident_memory_bytes'), 'bytes');
  assert.equal(unitOf('up'), undefined);
  assert.equal(unitOf('x', 'celsius'), 'celsius');
});

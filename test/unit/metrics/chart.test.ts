import test from 'node:test';
import assert from 'node:assert/strict';
import { svgDataUri, trendSvg } from '../../../server/src/metrics/trendChart';
import { graphLink } from '../../../server/src/metrics/graphLink';
import { formatValue, unitOf } from '../../../server/src/metrics/valueFormat';

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
  assert.ok(!svg.includes('NaN'));
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

test('the chart has a value axis (max and min as people read them) and a time axis (minutes ago)', () => {
  const pts = Array.from({ length: 61 }, (_, i) => ({ t: 1_700_000_000 + i * 60, v: 4.999916389358037 + (i % 7) * 0.5 }));
  const svg = trendSvg(pts);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(m => m[1]);
  assert.deepEqual(texts, ['8', '5', '60 min ago', '30 min ago', 'now']);
  assert.ok(!/4\.9999/.test(svg), 'no raw floats in the picture');
});

test('a graph link goes to the environment\'s own Prometheus, without credentials, safe in Markdown', () => {
  assert.equal(graphLink('https://u:p@prom.example.com/prometheus/', 'sum(rate(x[5m]))'),
    'https://prom.example.com/prometheus/graph?g0.expr=sum%28rate%28x%5B5m%5D%29%29&g0.tab=0&g0.range_input=1h');
  assert.equal(graphLink('not a url', 'up'), undefined);
});

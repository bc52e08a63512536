// A Unicode sparkline: the text fallback for the trend chart, readable in any hover.

const BARS = '▁▂▃▄▅▆▇█';

/** One character per point; gaps (NaN) are spaces; a flat series is a flat line. */
export function sparkline(values: readonly number[], width = 30): string {
  const points = resample(values, width);
  const finite = points.filter(Number.isFinite);
  if (!finite.length) return '';
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min;
  return points.map((v) => {
    if (!Number.isFinite(v)) return ' ';
    const i = span === 0 ? 3 : Math.round(((v - min) / span) * (BARS.length - 1));
    return BARS[i];
  }).join('');
}

/** Averages consecutive points into at most `width` buckets, keeping gaps as NaN. */
export function resample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let b = 0; b < width; b++) {
    const from = Math.floor((b * values.length) / width);
    const to = Math.floor(((b + 1) * values.length) / width);
    const bucket = values.slice(from, to).filter(Number.isFinite);
    out.push(bucket.length ? bucket.reduce((a, c) => a + c, 0) / bucket.length : NaN);
  }
  return out;
}

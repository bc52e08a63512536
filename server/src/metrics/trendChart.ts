// The trend as a small SVG line chart with a value axis (min, max) and a time axis (minutes ago),
// embedded in hover Markdown as a data: URI image. No script; generic fonts; mid-grey text and
// the line colour read on light and dark themes.
import { formatValue } from './valueFormat';

export interface TrendPoint { t: number; v: number }

export interface ChartOptions { width?: number; height?: number; stroke?: string }

const TEXT = 'fill="#8b8b8b" font-family="sans-serif" font-size="10"';
const AXIS = 'stroke="#8b8b8b" stroke-opacity="0.45" stroke-width="1"';
/** Roughly the advance of one digit at font-size 10, to make room for the value labels. */
const CHAR_W = 6;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function trendSvg(points: readonly TrendPoint[], opts: ChartOptions = {}): string {
  const width = opts.width ?? 320;
  const height = opts.height ?? 84;
  const stroke = opts.stroke ?? '#3794ff';
  const finite = points.filter((p) => Number.isFinite(p.v));
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;
  const top = 6;
  const bottom = height - 14; // room for the time labels
  if (finite.length < 2) return `${open}<line x1="0" y1="${bottom}" x2="${width}" y2="${bottom}" stroke="${stroke}" stroke-opacity="0.4"/></svg>`;
  const t0 = points[0]!.t;
  const t1 = points.at(-1)!.t;
  const vs = finite.map((p) => p.v);
  const min = Math.min(...vs);
  const max = Math.max(...vs);
  const labels = max === min ? [formatValue(max)] : [formatValue(max), formatValue(min)];
  const left = Math.max(...labels.map((l) => l.length)) * CHAR_W + 6;
  const right = width - 4;
  const x = (t: number) => (t1 === t0 ? left : left + ((t - t0) / (t1 - t0)) * (right - left));
  const y = (v: number) => (max === min ? (top + bottom) / 2 : top + (1 - (v - min) / (max - min)) * (bottom - top));
  const fmt = (n: number) => n.toFixed(1);

  const axes: string[] = [`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" ${AXIS}/>`];
  // Value axis: the highest and lowest value of the hour, at the height they are drawn.
  const ticks = max === min ? [max] : [max, min];
  ticks.forEach((v, i) => {
    axes.push(`<line x1="${left}" y1="${fmt(y(v))}" x2="${right}" y2="${fmt(y(v))}" ${AXIS} stroke-dasharray="2 3"/>`);
    axes.push(`<text x="${left - 4}" y="${fmt(y(v) + 3.5)}" text-anchor="end" ${TEXT}>${esc(labels[i]!)}</text>`);
  });
  // Time axis: minutes before the last point (which is "now"), at the start, the middle and the end.
  const minutesAgo = (t: number) => Math.round((t1 - t) / 60);
  const mid = t0 + (t1 - t0) / 2;
  axes.push(
    `<text x="${left}" y="${height - 3}" text-anchor="start" ${TEXT}>${minutesAgo(t0)} min ago</text>`,
    `<text x="${fmt(x(mid))}" y="${height - 3}" text-anchor="middle" ${TEXT}>${minutesAgo(mid)} min ago</text>`,
    `<text x="${right}" y="${height - 3}" text-anchor="end" ${TEXT}>now</text>`,
  );

  // A gap in the data (NaN, or a missing step) starts a new segment instead of drawing across it.
  const segments: TrendPoint[][] = [];
  let current: TrendPoint[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.v)) { if (current.length) segments.push(current); current = []; continue; }
    current.push(p);
  }
  if (current.length) segments.push(current);
  const lines = segments.map((seg) => {
    const d = seg.map((p, i) => `${i ? 'L' : 'M'}${fmt(x(p.t))} ${fmt(y(p.v))}`).join(' ');
    const area = `${d} L${fmt(x(seg.at(-1)!.t))} ${bottom} L${fmt(x(seg[0]!.t))} ${bottom} Z`;
    return `<path d="${area}" fill="${stroke}" fill-opacity="0.15" stroke="none"/><path d="${d}" fill="none" stroke="${stroke}" stroke-width="1.5" stroke-linejoin="round"/>`;
  });
  return `${open}${axes.join('')}${lines.join('')}</svg>`;
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

// The trend as a small SVG line chart, embedded in hover Markdown as a data: URI image. It needs
// no fonts and no script; the colours read on light and dark themes.

export interface TrendPoint { t: number; v: number }

export interface ChartOptions { width?: number; height?: number; stroke?: string }

export function trendSvg(points: readonly TrendPoint[], opts: ChartOptions = {}): string {
  const width = opts.width ?? 300;
  const height = opts.height ?? 60;
  const stroke = opts.stroke ?? '#3794ff';
  const finite = points.filter((p) => Number.isFinite(p.v));
  const pad = 2;
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;
  if (finite.length < 2) return `${open}<line x1="0" y1="${height - pad}" x2="${width}" y2="${height - pad}" stroke="${stroke}" stroke-opacity="0.4"/></svg>`;
  const t0 = finite[0]!.t;
  const t1 = finite.at(-1)!.t;
  const vs = finite.map((p) => p.v);
  const min = Math.min(...vs);
  const max = Math.max(...vs);
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => (max === min ? height / 2 : pad + (1 - (v - min) / (max - min)) * (height - 2 * pad));
  // A gap in the data (NaN, or a missing step) starts a new segment instead of drawing across it.
  const segments: TrendPoint[][] = [];
  let current: TrendPoint[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.v)) { if (current.length) segments.push(current); current = []; continue; }
    current.push(p);
  }
  if (current.length) segments.push(current);
  const fmt = (n: number) => n.toFixed(1);
  const lines = segments.map((seg) => {
    const d = seg.map((p, i) => `${i ? 'L' : 'M'}${fmt(x(p.t))} ${fmt(y(p.v))}`).join(' ');
    const area = `${d} L${fmt(x(seg.at(-1)!.t))} ${height} L${fmt(x(seg[0]!.t))} ${height} Z`;
    return `<path d="${area}" fill="${stroke}" fill-opacity="0.15" stroke="none"/><path d="${d}" fill="none" stroke="${stroke}" stroke-width="1.5" stroke-linejoin="round"/>`;
  });
  return `${open}${lines.join('')}</svg>`;
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

// A metric over the incident window as a standalone SVG file: title, value axis (min, max), a
// wall-clock time axis (UTC) and a tick per timeline event, red where a step failed, so the chart
// lines up with the timeline. Plain SVG 1.1, no script, no external font: GitHub shows it as an
// image and VS Code's preview too. All text is escaped (label values and names are not ours).
import { formatValue } from '../metrics/valueFormat';

export interface ChartPoint { t: number; v: number }
export interface ChartMark { t: number; failed: boolean }

const W = 640;
const H = 220;
const PAD = { left: 64, right: 16, top: 28, bottom: 30 };

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
    // Characters XML 1.0 forbids would make the file unreadable.
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '');
}

export function windowChartSvg(title: string, points: readonly ChartPoint[], window: { start: number; end: number }, marks: readonly ChartMark[] = []): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const span = Math.max(1, window.end - window.start);
  const x = (t: number) => PAD.left + ((t - window.start) / span) * plotW;
  const finite = points.filter((p) => Number.isFinite(p.v));
  const min = finite.length ? Math.min(...finite.map((p) => p.v)) : 0;
  const max = finite.length ? Math.max(...finite.map((p) => p.v)) : 0;
  // A flat line sits mid-height rather than on an axis.
  const pad = max === min ? (Math.abs(max) || 1) / 2 : 0;
  const lo = min - pad;
  const hi = max + pad;
  const y = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="16" fill="#24292f" font-size="12" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" stroke="#8c959f"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#8c959f"/>`,
  ];
  for (const m of marks) {
    const mx = x(m.t).toFixed(1);
    out.push(`<line x1="${mx}" y1="${PAD.top}" x2="${mx}" y2="${PAD.top + plotH}" stroke="${m.failed ? '#cf222e' : '#8c959f'}" stroke-dasharray="3 3"/>`);
  }
  if (finite.length) {
    out.push(`<text x="${PAD.left - 6}" y="${PAD.top + 4}" fill="#57606a" text-anchor="end">${escapeXml(formatValue(max))}</text>`);
    out.push(`<text x="${PAD.left - 6}" y="${PAD.top + plotH}" fill="#57606a" text-anchor="end">${escapeXml(formatValue(min))}</text>`);
    // A gap in the data (NaN) breaks the line instead of drawing across it.
    let path = '';
    let pen = false;
    for (const p of points) {
      if (!Number.isFinite(p.v)) { pen = false; continue; }
      path += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)} ${y(p.v).toFixed(1)}`;
      pen = true;
    }
    out.push(`<path d="${path}" fill="none" stroke="#0969da" stroke-width="1.5"/>`);
  } else {
    out.push(`<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH / 2}" fill="#57606a" text-anchor="middle">no samples in this window</text>`);
  }
  for (const [t, anchor] of [[window.start, 'start'], [window.start + span / 2, 'middle'], [window.end, 'end']] as const) {
    out.push(`<text x="${x(t).toFixed(1)}" y="${H - 10}" fill="#57606a" text-anchor="${anchor}">${clock(t)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** `10:42 UTC` (with seconds when the window is short enough for them to matter). */
function clock(t: number): string {
  return `${new Date(t * 1000).toISOString().slice(11, 19)} UTC`;
}

// The chart panel's page: draws what the extension sends (series on one time grid) with uPlot,
// in the theme's colours, and sends back the user's choices (range, refresh, links). It never
// fetches anything itself: the CSP allows no connections, and Prometheus is the server's job.
// Everything from the data goes into the page as text (textContent), never as HTML.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './chart.css';
import type { ChartDataResult } from '../../server/src/lsp/features/chartProtocol';
import type { FromView, ToView, ViewState, DrawReport } from '../src/chart/messages';

declare function acquireVsCodeApi(): { postMessage(m: FromView): void; getState(): ViewState | undefined; setState(s: ViewState): void };

const vscode = acquireVsCodeApi();
const PRESETS = ['15m', '1h', '6h', '24h'];
const REFRESH = [[0, 'off'], [10, '10s'], [30, '30s'], [60, '1m'], [300, '5m']] as const;
const PALETTE = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'];

const initial = document.body.dataset;
let state: ViewState = vscode.getState() ?? { range: initial.range || '1h', autoRefreshS: Number(initial.autoRefresh ?? 30) };
let plot: uPlot | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const save = () => vscode.setState(state);
const post = (m: FromView) => vscode.postMessage(m);

function css(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function buildControls(): void {
  const presets = $('presets');
  for (const p of PRESETS) {
    const b = document.createElement('button');
    b.textContent = p;
    b.dataset.range = p;
    b.title = `The last ${p}`;
    b.addEventListener('click', () => choose(p));
    presets.append(b);
  }
  const custom = $<HTMLInputElement>('custom');
  $('customForm').addEventListener('submit', e => { e.preventDefault(); if (custom.value.trim()) choose(custom.value.trim()); });
  const select = $<HTMLSelectElement>('autoRefresh');
  for (const [s, label] of REFRESH) select.append(new Option(label, String(s)));
  select.value = String(state.autoRefreshS);
  select.addEventListener('change', () => { state.autoRefreshS = Number(select.value); save(); schedule(); });
  $('refresh').addEventListener('click', () => post({ type: 'refresh' }));
  markRange();
}

function choose(range: string): void {
  state.range = range;
  save();
  markRange();
  post({ type: 'range', range });
}

function markRange(): void {
  for (const b of $('presets').querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.range === state.range));
  const custom = $<HTMLInputElement>('custom');
  if (!PRESETS.includes(state.range)) custom.value = state.range;
}

/** Auto-refresh runs only while the page exists: a hidden panel asks Prometheus nothing. */
function schedule(): void {
  if (timer) clearInterval(timer);
  timer = state.autoRefreshS > 0 ? setInterval(() => post({ type: 'refresh' }), state.autoRefreshS * 1000) : undefined;
}

function showQueries(result: ChartDataResult): void {
  const list = $('queries');
  list.replaceChildren();
  if ('error' in result) return;
  result.queries.forEach((q, i) => {
    const li = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = `${result.queries.length > 1 ? `#${i + 1} ` : ''}${q.expr}`;
    const info = document.createElement('span');
    info.className = q.error ? 'error' : 'muted';
    info.textContent = q.error ?? `${q.series} series`;
    li.append(code, info);
    if (q.graphUrl) {
      const a = document.createElement('a');
      a.href = q.graphUrl;
      a.textContent = 'Open in Prometheus';
      a.addEventListener('click', e => { e.preventDefault(); post({ type: 'open', url: q.graphUrl! }); });
      li.append(a);
    }
    list.append(li);
  });
}

function draw(result: ChartDataResult): void {
  $('env').textContent = result.env ? ` · ${result.env}` : '';
  $('rangeLabel').textContent = 'error' in result ? '' : ` · ${result.range}`;
  showQueries(result);
  const message = $('message');
  plot?.destroy();
  plot = undefined;
  if ('error' in result) {
    message.textContent = result.error;
    report({ env: result.env, error: result.error, series: 0, legend: [], linePixels: 0 });
    return;
  }
  const withData = result.series.filter(s => s.values.some(v => v !== null));
  const notes = [
    ...(result.series.length === 0 && !result.queries.some(q => q.error) ? [`No series in ${result.range} on ${result.env}.`] : []),
    ...(result.omitted ? [`${result.omitted} more series are not drawn (at most ${result.series.length}); narrow the query to see them.`] : []),
  ];
  message.textContent = notes.join(' ');
  const fg = css('--vscode-foreground', '#ccc');
  const grid = css('--vscode-panel-border', 'rgba(128,128,128,0.35)');
  const colours = PALETTE.map(c => css(`--vscode-charts-${c}`, '#3794ff'));
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const el = $('chart');
  const opts: uPlot.Options = {
    width: Math.max(300, el.clientWidth || document.body.clientWidth - 32),
    height: Math.max(200, Math.min(480, window.innerHeight - 260)),
    scales: { x: { time: true } },
    axes: [{ ...axis }, { ...axis, size: 70 }],
    series: [{}, ...result.series.map((s, i) => ({ label: s.name, stroke: colours[i % colours.length], width: 1.5, spanGaps: false, points: { show: false } }))],
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
    hooks: { draw: [u => report(drawReport(u, result.env, result.range, withData.length))] },
  };
  plot = new uPlot(opts, [result.times, ...result.series.map(s => s.values)] as uPlot.AlignedData, el);
}

function drawReport(u: uPlot, env: string, range: string, series: number): DrawReport {
  const legend = [...u.root.querySelectorAll('.u-legend .u-series .u-label')].map(e => e.textContent ?? '').slice(1);
  return { env, range, series, legend, linePixels: series ? pixelsOf(u, String(u.series[1]?.stroke ? (u.series[1].stroke as () => string)() : '')) : 0 };
}

/** How many pixels of the plotting area have about this colour: a drawn line leaves many. */
function pixelsOf(u: uPlot, colour: string): number {
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = colour;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  const { left, top, width, height } = u.bbox;
  if (width <= 0 || height <= 0) return 0;
  const px = u.ctx.getImageData(left, top, width, height).data;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i + 3]! > 128 && Math.abs(px[i]! - r!) + Math.abs(px[i + 1]! - g!) + Math.abs(px[i + 2]! - b!) < 60) n++;
  return n;
}

let lastReport = '';
function report(r: DrawReport): void {
  const key = JSON.stringify(r);
  if (key === lastReport) return;
  lastReport = key;
  post({ type: 'drawn', report: r });
}

window.addEventListener('message', (e: MessageEvent<ToView>) => {
  const m = e.data;
  if (m.type === 'loading') $('status').textContent = 'Loading…';
  if (m.type === 'data') {
    $('status').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    state.last = m.result;
    save();
    draw(m.result);
  }
});

// A theme switch changes the body's class: draw again in the new colours.
new MutationObserver(() => { if (state.last) draw(state.last); }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
let resizing: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(() => plot?.setSize({ width: Math.max(300, $('chart').clientWidth), height: plot.height }), 100); });

buildControls();
if (state.last) draw(state.last); // shown again after being hidden: the last chart at once, then fresh data
schedule();
post({ type: 'ready', range: state.range });

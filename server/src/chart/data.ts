// What the chart panel draws: one time axis on the window's grid and, per series, its values on
// that grid (null where Prometheus has no sample, so the line shows a gap instead of bridging it).
// Built in the server from `query_range` answers; the webview only draws it.
import type { Labels, QueryData } from '../prometheus/types';
import { parseSample } from '../metrics/valueFormat';
import { legendNames } from './legend';
import type { ChartWindow } from './range';

/** More lines than this are unreadable, and each costs the webview a path. */
export const MAX_SERIES = 40;

export interface ChartSeries { name: string; query: number; labels: Labels; values: (number | null)[] }
export interface ChartQuery { expr: string; series: number; error?: string; graphUrl?: string }
export interface ChartData {
  env: string;
  range: string;
  times: number[];
  series: ChartSeries[];
  queries: ChartQuery[];
  /** Series not drawn because of MAX_SERIES. */
  omitted: number;
}

export type QueryAnswer = { expr: string; data: QueryData; graphUrl?: string } | { expr: string; error: string; graphUrl?: string };

export function chartData(env: string, window: ChartWindow, answers: readonly QueryAnswer[]): ChartData {
  const times: number[] = [];
  for (let t = window.start; t <= window.end; t += window.step) times.push(t);
  const slot = (t: number) => Math.round((t - window.start) / window.step);
  const raw: { labels: Labels; query: number; expr: string; values: (number | null)[] }[] = [];
  const queries: ChartQuery[] = answers.map((a, query) => {
    const base = { expr: a.expr, ...(a.graphUrl ? { graphUrl: a.graphUrl } : {}) };
    if ('error' in a) return { ...base, series: 0, error: a.error };
    const found = seriesOf(a.data);
    for (const s of found) {
      const values: (number | null)[] = times.map(() => null);
      for (const [t, v] of s.values) {
        const i = slot(t);
        const n = parseSample(v);
        if (i >= 0 && i < values.length && Number.isFinite(n)) values[i] = n;
      }
      raw.push({ labels: s.metric, query, expr: a.expr, values });
    }
    return { ...base, series: found.length };
  });
  const drawn = raw.slice(0, MAX_SERIES);
  const names = legendNames(drawn);
  return {
    env, range: window.label, times,
    series: drawn.map((s, i) => ({ name: names[i]!, query: s.query, labels: s.labels, values: s.values })),
    queries,
    omitted: raw.length - drawn.length,
  };
}

function seriesOf(data: QueryData): { metric: Labels; values: [number, string][] }[] {
  switch (data.resultType) {
    case 'matrix': return data.result;
    // A range query answers a matrix; the others come from servers that answer oddly.
    case 'vector': return data.result.map((s) => ({ metric: s.metric, values: [s.value] }));
    case 'scalar': return [{ metric: {}, values: [data.result] }];
    default: return [];
  }
}

// The last hour of an expression at one-minute steps, as points on a fixed grid (missing steps
// are NaN, so the chart shows gaps rather than drawing across them).
import type { PrometheusClient } from '../prometheus/client';
import type { QueryData } from '../prometheus/types';
import type { TrendPoint } from './trendChart';
import { parseSample } from './valueFormat';

export interface Trend {
  expr: string;
  points: TrendPoint[];
  /** Series summed into the line (the metric hover queries one already-summed series). */
  series: number;
}

export const TREND_RANGE_S = 3600;
export const TREND_STEP_S = 60;

export async function fetchTrend(client: PrometheusClient, expr: string, signal?: AbortSignal, nowMs = Date.now()): Promise<Trend> {
  // End on a step boundary so hovers within the same minute share one cached range query.
  const end = Math.floor(nowMs / 1000 / TREND_STEP_S) * TREND_STEP_S;
  const start = end - TREND_RANGE_S;
  const data = await client.queryRange(expr, start, end, TREND_STEP_S, { signal });
  // The client's cache key holds expr, start and end, so one cached answer always makes one trend.
  const known = trends.get(data);
  if (known?.expr === expr && known.points[0]?.t === start) return known;
  const trend = toTrend(expr, data, start, end);
  trends.set(data, trend);
  return trend;
}

const trends = new WeakMap<QueryData, Trend>();

function toTrend(expr: string, data: QueryData, start: number, end: number): Trend {
  const grid = new Map<number, number>();
  let series = 0;
  if (data.resultType === 'matrix') {
    series = data.result.length;
    for (const s of data.result) for (const [t, v] of s.values) grid.set(t, (grid.get(t) ?? 0) + parseSample(v));
  } else if (data.resultType === 'scalar') {
    series = 1;
    grid.set(Number(data.result[0]), parseSample(data.result[1]));
  }
  const points: TrendPoint[] = [];
  for (let t = start; t <= end; t += TREND_STEP_S) points.push({ t, v: grid.get(t) ?? NaN });
  return { expr, points, series };
}

/** The last finite value of the trend: what its chart ends on. */
export function lastValue(trend: Trend): number | undefined {
  for (let i = trend.points.length - 1; i >= 0; i--) if (Number.isFinite(trend.points[i]!.v)) return trend.points[i]!.v;
  return undefined;
}

/**
 * The trend ending on the value just evaluated at `t` (Unix seconds), so the chart's last point is
 * the headline's number instead of the last full minute's (up to a minute older). A new object:
 * trends are shared between hovers through the client's cache.
 */
export function endingAt(trend: Trend, t: number, v: number): Trend {
  const last = trend.points.at(-1);
  if (!Number.isFinite(v) || !Number.isFinite(t) || (last && t < last.t)) return trend;
  const points = last && t === last.t ? [...trend.points.slice(0, -1), { t, v }] : [...trend.points, { t, v }];
  return { ...trend, points };
}

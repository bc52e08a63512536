// Metric snapshots: for each metric the steps referenced, in each environment it was used in,
// its value at the first and at the last event, and the incident window from query_range for the
// chart. A counter is shown as its per-second rate, anything else summed, as the hover does.
// Queries go through the environment's client (bounded there); one failure fails one snapshot.
import type { PrometheusClient } from '../prometheus/client';
import type { QueryData } from '../prometheus/types';
import { metadataFor, metricQueries } from '../metrics/metricFetch';
import { formatValue, parseSample } from '../metrics/valueFormat';
import type { ChartPoint } from './windowChart';

export interface Snapshot {
  environment: string;
  metric: string;
  /** The expression the values and the chart are of. */
  expr: string;
  first?: string;
  last?: string;
  points: ChartPoint[];
  /** Why there are no values, when there are none. */
  error?: string;
}

export interface SnapshotWindow { firstEvent: number; lastEvent: number; start: number; end: number; step: number }

/** The chart's window: the events, with room either side, at about 240 points. */
export function snapshotWindow(firstEventMs: number, lastEventMs: number, nowMs = Date.now()): SnapshotWindow {
  const firstEvent = Math.floor(firstEventMs / 1000);
  const lastEvent = Math.ceil(lastEventMs / 1000);
  const margin = Math.max(60, Math.round((lastEvent - firstEvent) * 0.1));
  const start = firstEvent - margin;
  // Never past now: Prometheus would repeat the last sample for its lookback and draw it flat.
  const end = Math.max(lastEvent, Math.min(lastEvent + margin, Math.floor(nowMs / 1000)));
  return { firstEvent, lastEvent, start, end, step: Math.max(1, Math.ceil((end - start) / 240)) };
}

export async function takeSnapshot(client: PrometheusClient, environment: string, metric: string, w: SnapshotWindow, signal?: AbortSignal): Promise<Snapshot> {
  const meta = await metadataFor(client, metric, signal).catch(() => undefined);
  const expr = metricQueries(metric, meta).trend;
  try {
    const [first, last, range] = await Promise.all([
      client.query(expr, { time: w.firstEvent, signal }),
      client.query(expr, { time: w.lastEvent, signal }),
      client.queryRange(expr, w.start, w.end, w.step, { signal }),
    ]);
    return { environment, metric, expr, first: valueOf(first), last: valueOf(last), points: pointsOf(range) };
  } catch (e) {
    return { environment, metric, expr, points: [], error: client.redact((e as Error).message) };
  }
}

function valueOf(d: QueryData): string | undefined {
  if (d.resultType === 'scalar') return formatValue(d.result[1]);
  if (d.resultType !== 'vector' || !d.result.length) return undefined;
  return formatValue(d.result.reduce((sum, s) => sum + parseSample(s.value[1]), 0));
}

function pointsOf(d: QueryData): ChartPoint[] {
  if (d.resultType !== 'matrix') return [];
  const sum = new Map<number, number>();
  for (const s of d.result) for (const [t, v] of s.values) sum.set(t, (sum.get(t) ?? 0) + parseSample(v));
  return [...sum].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
}

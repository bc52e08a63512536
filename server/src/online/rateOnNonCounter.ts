// Online check (pint's promql/counter): rate(), irate() and increase() assume a counter, which
// only ever goes up; on a gauge every drop reads as a reset and the result is wrong. The type
// comes from the metric's metadata; a metric without metadata is not judged.
import { metadataFor } from '../metrics/metricFetch';
import type { PrometheusClient } from '../prometheus/client';
import { rateWindows } from '../metrics/rateWindow';

export const RATE_NON_COUNTER_CODE = 'promql/rate-non-counter';
const COUNTER_ONLY = new Set(['rate', 'irate', 'increase', 'resets']);

export interface NonCounterUse { func: string; metric: string; type: string; from: number; to: number }

export async function rateOnNonCounter(client: PrometheusClient, expr: string, signal?: AbortSignal): Promise<NonCounterUse[]> {
  const out: NonCounterUse[] = [];
  for (const w of rateWindows(expr)) {
    if (!COUNTER_ONLY.has(w.func)) continue;
    const meta = await metadataFor(client, w.metric, signal);
    if (!meta) continue;
    const { type } = meta.meta;
    // A histogram's _bucket/_count/_sum and a summary's _count/_sum are counters; the summary's
    // own series (its quantiles) and gauges are not.
    const counter = type === 'counter' || ((type === 'histogram' || type === 'summary') && meta.family !== w.metric);
    if (counter || !type || type === 'unknown' || type === 'untyped') continue;
    out.push({ func: w.func, metric: w.metric, type, from: w.start, to: w.end });
  }
  return out;
}

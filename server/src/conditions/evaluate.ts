// A PromQL condition evaluated once, as Prometheus evaluates an alert's expression: it holds when
// the instant query returns at least one series (a comparison without `bool` filters the series
// that fail it), or a scalar other than 0. Symptoms and verification steps both ask this.
import type { Labels, QueryData } from '../prometheus/types';
import { formatValue, parseSample } from '../metrics/valueFormat';

export interface SeriesValue { labels: Labels; value: number }

export type ConditionResult =
  | { state: 'holds'; series: SeriesValue[] }
  | { state: 'fails' }
  | { state: 'error'; reason: string };

/** The query the condition runs as (e.g. a client bound to an environment, at the current time). */
export type ConditionQuery = (expr: string, signal: AbortSignal) => Promise<QueryData>;

export function conditionOf(data: QueryData): ConditionResult {
  switch (data.resultType) {
    case 'vector':
      return data.result.length ? { state: 'holds', series: data.result.map(s => ({ labels: s.metric, value: parseSample(s.value[1]) })) } : { state: 'fails' };
    case 'scalar': {
      const v = parseSample(data.result[1]);
      return v !== 0 && !Number.isNaN(v) ? { state: 'holds', series: [{ labels: {}, value: v }] } : { state: 'fails' };
    }
    case 'matrix':
      return { state: 'error', reason: 'a range vector is not a condition (drop the [range] or wrap it in a function)' };
    case 'string':
      return { state: 'error', reason: 'a string is not a condition' };
  }
}

/** Evaluates `expr`, turning a failed request into `error` with its one-line reason. */
export async function evaluateCondition(query: ConditionQuery, expr: string, signal: AbortSignal): Promise<ConditionResult> {
  try {
    return conditionOf(await query(expr, signal));
  } catch (e) {
    return { state: 'error', reason: reasonOf(e, signal) };
  }
}

/** `73`, or `3 series, max 91` (a condition's series, as one short phrase). */
export function valueSummary(series: readonly SeriesValue[]): string {
  if (series.length === 1) return formatValue(series[0].value);
  const max = series.reduce((m, s) => (s.value > m || Number.isNaN(m) ? s.value : m), -Infinity);
  return `${series.length} series, max ${formatValue(max)}`;
}

function reasonOf(e: unknown, signal: AbortSignal): string {
  if (signal.aborted) return signal.reason instanceof Error && signal.reason.name === 'TimeoutError' ? 'timed out' : 'cancelled';
  // PrometheusError's `reason` is already one line; other errors keep their first line only.
  const r = (e as { reason?: unknown }).reason;
  return typeof r === 'string' ? r : ((e as Error)?.message ?? String(e)).split('\n')[0];
}

// Everything a metric's hover shows, in one round trip to Prometheus. The queries depend on the
// metric's type (from metadata), but the naming convention nearly always predicts it, so they
// start together with the metadata requests, on that guess. Only a query the metadata proves
// wrong is sent again once the metadata is in; a wrong guess costs a round trip, never content.
import type { PrometheusClient } from '../prometheus/client';
import type { MetricMetadata, QueryData } from '../prometheus/types';
import type { HoverBudget } from './hoverBudget';
import { TOP_SERIES } from './seriesTable';
import { fetchTrend, type Trend } from './trend';

export type FamilyMetadata = { family: string; meta: MetricMetadata };

/** Metadata for `name`, or for the family it belongs to (`x_bucket` → `x`). Per-name requests stay
 * small on servers with 100k metrics. The family is asked only when the name has none: the
 * limiter holds a hover's later queries anyway, so asking both at once would gain no time. */
export async function metadataFor(client: PrometheusClient, name: string, signal?: AbortSignal): Promise<FamilyMetadata | undefined> {
  const base = name.replace(/_(bucket|sum|count|total|created)$/, '');
  for (const family of base === name ? [name] : [name, base]) {
    const meta = (await client.metadata(family, { signal })).get(family);
    if (meta) return { family, meta };
  }
  return undefined;
}

export type MetricQueries = ReturnType<typeof metricQueries>;

/** The queries a metric's hover runs; exported so the benchmark and tests can reproduce them. */
export function metricQueries(name: string, meta?: FamilyMetadata) {
  const type = meta?.meta.type;
  // A histogram or summary named by its base has no series of its own: show its observation count.
  const isFamilyName = (type === 'histogram' || type === 'summary') && meta!.family === name;
  const selector = isFamilyName ? `${name}_count` : name;
  const counterLike = type === 'counter' || isFamilyName || (!type && /_(total|count|sum|bucket)$/.test(name));
  return {
    selector,
    counterLike,
    top: `topk(${TOP_SERIES}, ${selector})`,
    count: `count(${selector})`,
    sum: `sum(${selector})`,
    trend: counterLike ? `sum(rate(${selector}[5m]))` : `sum(${selector})`,
    p95: type === 'histogram' && isFamilyName ? `histogram_quantile(0.95, sum by (le) (rate(${name}_bucket[5m])))` : undefined,
  };
}

export interface MetricAnswers {
  meta: FamilyMetadata | undefined;
  q: MetricQueries;
  top: QueryData;
  count: QueryData;
  sum: QueryData;
  /** The trend, or why it is unavailable: a failed trend does not fail the hover. */
  trend: Trend | Error;
  /** Undefined when not asked or when it failed (the p95 line is then left out). */
  p95: QueryData | undefined;
}

/** Rejects when the value queries fail; metadata failures only leave `meta` undefined. */
export async function fetchMetric(client: PrometheusClient, name: string, budget: HoverBudget, now?: number): Promise<MetricAnswers> {
  const { signal } = budget;
  const started = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, run: () => Promise<T>): Promise<T> => {
    let p = started.get(key) as Promise<T> | undefined;
    if (!p) {
      p = run();
      // A guessed query may end up unused: its failure is then nobody's to report.
      p.catch(() => undefined);
      started.set(key, p);
    }
    return p;
  };
  const query = (expr: string) => once(`q:${expr}`, () => client.query(expr, { signal }));
  const trend = (expr: string) => once(`t:${expr}`, () => fetchTrend(client, expr, signal, now).catch((e: unknown) => budget.explain(e) as Error));
  // The limiter serves requests in order. Metadata goes first (the guess is checked against it),
  // then the range query, the slowest: the quick ones queued behind it do not lengthen the hover.
  const ask = (q: MetricQueries) => {
    const t = trend(q.trend);
    return [query(q.top), query(q.count), query(q.sum), t] as const;
  };
  const metaAnswer = metadataFor(client, name, signal).catch(() => undefined);
  ask(metricQueries(name, likelyMetadata(name)));
  const meta = await metaAnswer;
  const q = metricQueries(name, meta);
  const [top, count, sum, tr, p95] = await Promise.all([
    ...ask(q),
    q.p95 ? query(q.p95).catch(() => undefined) : undefined,
  ]);
  return { meta, q, top, count, sum, trend: tr, p95 };
}

/** What Prometheus's metadata most likely says, going by the name: `_total` is a counter's, and
 * `_bucket`, `_count` and `_sum` belong to a histogram (or summary) family. */
function likelyMetadata(name: string): FamilyMetadata | undefined {
  if (name.endsWith('_total')) return { family: name, meta: { type: 'counter', help: '', unit: '' } };
  const base = name.replace(/_(bucket|count|sum)$/, '');
  return base === name ? undefined : { family: base, meta: { type: 'histogram', help: '', unit: '' } };
}

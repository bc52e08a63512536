// Hover for a metric name: current value, series count, top series, HELP/TYPE/UNIT and the last
// hour's trend (per-second rate for counters, sum otherwise), from the environment's Prometheus.
import type { PrometheusClient } from '../prometheus/client';
import type { MetricMetadata, QueryData } from '../prometheus/types';
import { didYouMean } from './didYouMean';
import { escapeMarkdown, inlineCode } from './escape';
import { hoverBudget } from './hoverBudget';
import { errorHover, queriesFooter, trendBlock } from './hoverText';
import { fetchMetric, type MetricAnswers } from './metricFetch';
import { seriesTable, topRows, type Row } from './seriesTable';
import { formatValue, parseSample, unitOf } from './valueFormat';
import { endingAt, lastValue } from './trend';

export interface HoverContext {
  client: PrometheusClient;
  envName: string;
  /** The LSP request's cancellation. The hover also stops itself after the client's request timeout. */
  signal?: AbortSignal;
  now?: number;
}

export { metadataFor, metricQueries } from './metricFetch';

export async function metricHover(name: string, ctx: HoverContext): Promise<string> {
  const { client, envName } = ctx;
  const budget = hoverBudget(client, ctx.signal);
  const { signal } = budget;
  try {
    const answers = await fetchMetric(client, name, budget, ctx.now);
    const { meta, q, count } = answers;
    if ((scalarOf(count) ?? 0) > 0) return rendered(name, envName, client.url, answers);
    const lines: string[] = [header(name, meta?.meta, envName)];
    if (meta?.meta.help) lines.push('', escapeMarkdown(meta.meta.help));
    lines.push('', `No series named ${inlineCode(q.selector)} in ${escapeMarkdown(envName)}.`);
    const names = await client.metricNames({ signal }).catch(() => []);
    const near = didYouMean(q.selector, names);
    if (near.length) lines.push('', `Did you mean ${near.map(inlineCode).join(', ')}?`);
    lines.push('', ...queriesFooter(envName, client.url, [{ expr: q.selector, note: 'no series' }]));
    return lines.join('\n');
  } catch (e) {
    return errorHover(envName, budget.explain(e));
  }
}

// Hovers served from the client's cache get the very same answer objects again: render them once.
const renders = new WeakMap<QueryData, { inputs: unknown[]; md: string }>();

function rendered(name: string, envName: string, url: string, a: MetricAnswers): string {
  const inputs = [name, envName, url, a.meta?.family, a.meta?.meta, a.top, a.sum, a.trend, a.p95];
  const known = renders.get(a.count);
  if (known?.inputs.every((x, i) => x === inputs[i])) return known.md;
  const md = render(name, envName, url, a);
  renders.set(a.count, { inputs, md });
  return md;
}

function render(name: string, envName: string, url: string, { meta, q, top, count, sum, trend: fetched, p95 }: MetricAnswers): string {
  const total = scalarOf(count) ?? 0;
  const lines: string[] = [header(name, meta?.meta, envName)];
  if (meta?.meta.help) lines.push('', escapeMarkdown(meta.meta.help));
  const value = scalarOf(sum);
  // The headline is the number the chart ends on. A gauge's chart is its sum, so it ends on the
  // value just read; a counter's chart is its rate, so the headline is that rate and the raw total
  // (which only ever grows) comes second.
  let trend = fetched;
  let headline: string;
  if (q.counterLike) {
    const rate = trend instanceof Error ? undefined : lastValue(trend);
    const noun = q.selector !== name ? 'observations' : 'total';
    headline = rate === undefined
      ? `**${value === undefined ? '—' : formatValue(value)}** ${noun}`
      : `**${formatValue(rate)}/s** (rate over 5m) · ${value === undefined ? '—' : formatValue(value)} ${noun}`;
  } else {
    const at = sampleTime(sum);
    if (!(trend instanceof Error) && value !== undefined && at !== undefined) trend = endingAt(trend, at, value);
    headline = `**${value === undefined ? '—' : formatValue(value)}**`;
  }
  lines.push('', `${headline} · ${total.toLocaleString('en')} series${total > 1 ? ' (sum)' : ''}`);
  const p95v = p95 ? scalarOf(p95) : undefined;
  if (p95v !== undefined) lines.push('', `p95 over 5m: **${formatValue(p95v)}**${unitOf(name) ? ` ${escapeMarkdown(unitOf(name)!)}` : ''}`);
  lines.push('');
  if (trend instanceof Error) lines.push(`_Trend unavailable: ${escapeMarkdown(trend.message)}_`);
  else lines.push(...trendBlock(trend, q.counterLike ? 'per-second rate' : total > 1 ? 'sum' : 'value', { url, expr: q.trend }));
  const rows: Row[] = top.resultType === 'vector' ? top.result.map((s) => ({ metric: s.metric, value: parseSample(s.value[1]) })) : [];
  const table = seriesTable(topRows(rows), total);
  if (table.length) lines.push('', ...table);
  lines.push('', ...queriesFooter(envName, url, [
    { expr: q.selector, note: 'series and values' },
    { expr: q.trend, note: 'trend, 1 h at 1 m steps' },
    ...(p95v !== undefined && q.p95 ? [{ expr: q.p95, note: 'p95' }] : []),
  ]));
  return lines.join('\n');
}

function header(name: string, meta: MetricMetadata | undefined, envName: string): string {
  const unit = unitOf(name, meta?.unit);
  const facts = [meta?.type && escapeMarkdown(meta.type), unit && `unit: ${escapeMarkdown(unit)}`].filter(Boolean);
  return `**${inlineCode(name)}**${facts.length ? ` ${facts.join(' · ')}` : ''} — _${escapeMarkdown(envName)}_`;
}

/** When the single number of an aggregation's answer was evaluated (Unix seconds). */
export function sampleTime(data: QueryData): number | undefined {
  if (data.resultType === 'scalar') return Number(data.result[0]);
  if (data.resultType === 'vector' && data.result[0]) return Number(data.result[0].value[0]);
  return undefined;
}

/** The single number of an aggregation's answer (an empty vector is undefined). */
export function scalarOf(data: QueryData): number | undefined {
  if (data.resultType === 'scalar') return parseSample(data.result[1]);
  if (data.resultType === 'vector' && data.result[0]) return parseSample(data.result[0].value[1]);
  return undefined;
}

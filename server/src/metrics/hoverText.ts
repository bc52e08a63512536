// Pieces every Prometheus hover shares: the trend block (chart, caption, graph link), the reproducible queries, the one-line
// error. Kept apart from the fetching so they can be tested on plain data.
import { PrometheusError } from '../prometheus/errors';
import { codeFence, escapeMarkdown, inlineCode } from './escape';
import { graphLink } from './graphLink';
import { lastValue, type Trend } from './trend';
import { svgDataUri, trendSvg } from './trendChart';
import { formatValue } from './valueFormat';

/**
 * The chart (with its axes), one caption line with min, max and now (the chart's last point, which
 * the headline repeats), and a link to the expression on the environment's own graph page.
 */
export function trendBlock(trend: Trend, what: string, link?: { url: string; expr: string }): string[] {
  const values = trend.points.map((p) => p.v);
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return ['_No data in the last hour._'];
  const last = lastValue(trend)!;
  const stats = `min ${formatValue(Math.min(...finite))} · max ${formatValue(Math.max(...finite))} · now ${formatValue(last)}`;
  const href = link && graphLink(link.url, link.expr);
  return [
    `![${escapeMarkdown(`${what} over the last hour`)}](${svgDataUri(trendSvg(trend.points))})`,
    '',
    `${escapeMarkdown(what)}, last hour · ${stats}${href ? ` · [open in Prometheus](${href})` : ''}`,
  ];
}

/** Where the numbers came from, so the user can paste the queries into Prometheus. */
export function queriesFooter(envName: string, url: string, queries: { expr: string; note: string }[]): string[] {
  const width = Math.max(...queries.map((q) => q.expr.length));
  const body = queries.map((q) => `${q.expr.padEnd(width)}  # ${q.note}`).join('\n');
  return ['---', `${escapeMarkdown(envName)} · ${inlineCode(url)}`, '', codeFence('promql', body)];
}

/** One line: environment, URL and reason. Never empty, never a stack trace. */
export function errorHover(envName: string, err: unknown): string {
  const reason = err instanceof PrometheusError ? err.message : `Prometheus query failed: ${err instanceof Error ? err.message : String(err)}`;
  return `⚠ ${escapeMarkdown(envName)}: ${escapeMarkdown(reason.split('\n')[0]!)}`;
}

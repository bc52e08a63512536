// Hover for a whole PromQL expression: evaluate it now and show the result like a metric hover,
// with the trend of its (summed) value over the last hour. Both queries go out together.
import type { PrometheusClient } from '../prometheus/client';
import { firstError, parsePromql } from '../promql/parse';
import { typeCheck } from '../promql/typecheck';
import { escapeMarkdown, inlineCode } from './escape';
import { hoverBudget } from './hoverBudget';
import { errorHover, queriesFooter, trendBlock } from './hoverText';
import { seriesTable, topRows, type Row } from './seriesTable';
import { endingAt, fetchTrend } from './trend';
import { formatValue, parseSample } from './valueFormat';

export interface ExpressionHoverContext {
  client: PrometheusClient;
  envName: string;
  signal?: AbortSignal;
  now?: number;
}

export async function expressionHover(expr: string, ctx: ExpressionHoverContext): Promise<string> {
  const { client, envName } = ctx;
  const budget = hoverBudget(client, ctx.signal);
  const { signal } = budget;
  try {
    const trendOf = () => fetchTrend(client, expr, signal, ctx.now).catch((e: unknown) => budget.explain(e) as Error);
    // The trend is charted for instant vectors and scalars: ask for it with the query, not after it.
    const early = chartable(expr) ? trendOf() : undefined;
    const data = await client.query(expr, { signal });
    const lines: string[] = [`**Result** — _${escapeMarkdown(envName)}_`, ''];
    let chart = false;
    // What was just evaluated, and when: the chart ends on it, so the headline is its last point.
    let latest: { t: number; v: number } | undefined;
    switch (data.resultType) {
      case 'scalar':
        lines.push(`**${formatValue(data.result[1])}** (scalar)`);
        latest = { t: Number(data.result[0]), v: parseSample(data.result[1]) };
        chart = true;
        break;
      case 'string':
        lines.push(`string: ${inlineCode(data.result[1])}`);
        break;
      case 'vector': {
        const rows: Row[] = data.result.map((s) => ({ metric: s.metric, value: parseSample(s.value[1]) }));
        if (!rows.length) { lines.push('_Empty result: no series match now._'); break; }
        const sum = rows.reduce((a, r) => a + (Number.isFinite(r.value) ? r.value : 0), 0);
        lines.push(rows.length === 1 ? `**${formatValue(rows[0]!.value)}** · 1 series` : `**${formatValue(sum)}** (sum) · ${rows.length.toLocaleString('en')} series`);
        latest = { t: Number(data.result[0]!.value[0]), v: rows.length === 1 ? rows[0]!.value : sum };
        const table = seriesTable(topRows(rows), rows.length);
        if (table.length) lines.push('', ...table);
        chart = true;
        break;
      }
      case 'matrix':
        // A range selector: show each series' latest sample; there is no single trend to draw.
        lines.push(`range vector · ${data.result.length.toLocaleString('en')} series`);
        lines.push('', ...seriesTable(topRows(data.result.map((s) => ({ metric: s.metric, value: parseSample(s.values.at(-1)?.[1] ?? 'NaN') }))), data.result.length));
        break;
    }
    const queries = [{ expr, note: chart ? 'evaluated now; trend: 1 h at 1 m steps' : 'evaluated now' }];
    if (chart) {
      const fetched = await (early ?? trendOf());
      lines.push('');
      if (fetched instanceof Error) lines.push(`_Trend unavailable: ${escapeMarkdown(fetched.message)}_`);
      else {
        const trend = latest ? endingAt(fetched, latest.t, latest.v) : fetched;
        lines.push(...trendBlock(trend, trend.series > 1 ? `sum of ${trend.series} series` : 'value', { url: client.url, expr }));
      }
    }
    lines.push('', ...queriesFooter(envName, client.url, queries));
    return lines.join('\n');
  } catch (e) {
    return errorHover(envName, budget.explain(e));
  }
}

/** Whether the answer will be charted, going by our own parse: not for a range vector or a string,
 * and not when the expression does not parse (Prometheus will refuse it). */
function chartable(expr: string): boolean {
  const tree = parsePromql(expr);
  if (firstError(tree)) return false;
  const type = typeCheck(tree.topNode, expr).type;
  return type !== 'matrix' && type !== 'string';
}

// Online check (pint's promql/rate): a rate()-style window shorter than twice the scrape interval
// of the metric's targets holds fewer than two samples most of the time, so the query returns
// nothing or jumps. Needs the live server for the intervals; findings are in expression offsets.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LocalDiagnostic } from '../analysis/types';
import type { PrometheusClient } from '../prometheus/client';
import { parsePromql } from '../promql/parse';

export const RATE_WINDOW_CODE = 'promql/rate-window';
const RATE_LIKE = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'resets', 'changes']);

export interface RangeWindow { func: string; metric: string; seconds: number; text: string; start: number; end: number }

/** rate(metric[window]) calls in `expr`, with the window's offsets. */
export function rateWindows(expr: string): RangeWindow[] {
  const out: RangeWindow[] = [];
  const c = parsePromql(expr).cursor();
  do {
    if (c.name !== 'FunctionCall') continue;
    const call = c.node;
    const func = call.getChild('FunctionIdentifier');
    const body = call.getChild('FunctionCallBody');
    const matrix = body?.getChild('MatrixSelector');
    if (!func || !matrix) continue;
    const name = expr.slice(func.from, func.to);
    const metricNode = matrix.getChild('VectorSelector')?.getChild('Identifier');
    const duration = matrix.getChild('DurationExpr') ?? matrix.getChild('NumberDurationLiteralInDurationContext');
    if (!RATE_LIKE.has(name) || !metricNode || !duration) continue;
    const text = expr.slice(duration.from, duration.to);
    const seconds = durationSeconds(text);
    if (seconds !== undefined) out.push({ func: name, metric: expr.slice(metricNode.from, metricNode.to), seconds, text, start: duration.from, end: duration.to });
  } while (c.next());
  return out;
}

const UNIT_S: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds in a PromQL duration (`1h30m`, `90s`, `500ms`, or a bare number of seconds). */
export function durationSeconds(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_S[p[2]!]!, 0);
}

export async function rateWindowFindings(client: PrometheusClient, expr: string, signal?: AbortSignal): Promise<LocalDiagnostic[]> {
  const windows = rateWindows(expr);
  if (!windows.length) return [];
  const intervals = new Map<string, number>(); // job → longest scrape interval among its targets
  for (const t of await client.targets({ signal })) {
    const s = t.scrapeInterval ? durationSeconds(t.scrapeInterval) : undefined;
    const job = t.labels.job;
    if (job && s !== undefined) intervals.set(job, Math.max(intervals.get(job) ?? 0, s));
  }
  if (!intervals.size) return [];
  const out: LocalDiagnostic[] = [];
  for (const w of windows) {
    const jobs = await client.labelValues('job', [w.metric], { signal });
    const known = jobs.filter((j) => intervals.has(j));
    if (!known.length) continue;
    const slowest = known.reduce((a, b) => (intervals.get(b)! > intervals.get(a)! ? b : a));
    const interval = intervals.get(slowest)!;
    if (w.seconds >= 2 * interval) continue;
    out.push({
      span: { start: w.start, end: w.end },
      severity: DiagnosticSeverity.Warning,
      code: RATE_WINDOW_CODE,
      message: `${w.func}() over [${w.text}] is shorter than twice the scrape interval of job "${slowest}" (${interval}s): it often has fewer than two samples. Use at least [${suggest(4 * interval)}].`,
    });
  }
  return out;
}

function suggest(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${Math.ceil(seconds)}s`;
}

// Legend names for the series of a chart: only the labels that tell the series apart. Five pods
// of one job read as `pod="api-7f9c"`, not as the same `{__name__, job, instance, pod}` five times.
import type { Labels } from '../prometheus/types';

export interface LegendInput {
  labels: Labels;
  /** Which query of the step the series came from (0-based). */
  query: number;
  /** That query's text: the name of a series with no labels (`sum(rate(…))`). */
  expr: string;
}

const MAX_NAME = 80;

export function legendNames(series: readonly LegendInput[]): string[] {
  const keys = [...new Set(series.flatMap((s) => Object.keys(s.labels)))].sort(byName);
  // One series: all its labels are what it is. Several: a label counts when its value (or its
  // absence) is not the same for every series.
  const differing = series.length < 2 ? keys : keys.filter((k) => new Set(series.map((s) => s.labels[k] ?? '\0')).size > 1);
  const queries = new Set(series.map((s) => s.query)).size;
  return series.map((s) => {
    const shown = differing.filter((k) => k in s.labels);
    const labels = shown.map((k) => (k === '__name__' ? s.labels[k]! : `${k}="${s.labels[k]}"`)).join(', ');
    const name = labels || oneLine(s.expr);
    // A series of the second query that differs from the first's only by query says which one.
    const tagged = queries > 1 ? `#${s.query + 1} ${name}` : name;
    return tagged.length > MAX_NAME ? `${tagged.slice(0, MAX_NAME - 1)}…` : tagged;
  });
}

const byName = (a: string, b: string) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b));
const oneLine = (expr: string) => expr.replace(/\s*\n\s*/g, ' ').trim();

// The top series of a result as a Markdown table. Labels shared by every row are pulled out into
// one "common labels" line so the table shows only what tells the series apart.
import type { Labels } from '../prometheus/types';
import { escapeMarkdown } from './escape';
import { formatValue } from './valueFormat';

export const TOP_SERIES = 10;

export interface Row { metric: Labels; value: number }

/** Highest values first (NaN last), at most TOP_SERIES rows. */
export function topRows(rows: Row[], max = TOP_SERIES): Row[] {
  return [...rows].sort((a, b) => (Number.isNaN(a.value) ? 1 : Number.isNaN(b.value) ? -1 : b.value - a.value)).slice(0, max);
}

export function seriesTable(rows: Row[], totalSeries: number): string[] {
  if (!rows.length) return [];
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.metric)))].sort();
  const common = keys.filter((k) => rows.every((r) => r.metric[k] === rows[0]!.metric[k]));
  const varying = keys.filter((k) => !common.includes(k));
  const out: string[] = [];
  if (varying.length) {
    const head = [...varying.map((k) => (k === '__name__' ? 'metric' : k)), 'value'].map(escapeMarkdown);
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- |').join('')}`);
    for (const r of rows) out.push(`| ${[...varying.map((k) => escapeMarkdown(r.metric[k] ?? '')), formatValue(r.value)].join(' | ')} |`);
    if (totalSeries > rows.length) out.push('', `_top ${rows.length} of ${totalSeries.toLocaleString('en')} series_`);
  }
  const commonShown = common.filter((k) => k !== '__name__');
  if (commonShown.length) {
    if (out.length) out.push('');
    out.push(`${varying.length ? 'Common labels' : 'Labels'}: ${commonShown.map((k) => `${escapeMarkdown(k)}=${escapeMarkdown(rows[0]!.metric[k]!)}`).join(', ')}`);
  }
  return out;
}

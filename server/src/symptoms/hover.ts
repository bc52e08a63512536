// The part of a symptom's hover below the metric hover: the condition's result now, per series
// (the series that satisfy it, highest first), or why it could not be evaluated.
import type { RunbookModel, Position } from '../model/types';
import { symptomsOf, type Symptom } from './detect';
import { evaluateCondition, type ConditionQuery } from '../conditions/evaluate';
import { symptomLabel } from './label';
import { seriesTable, topRows } from '../metrics/seriesTable';
import { escapeMarkdown, inlineCode } from '../metrics/escape';

export function symptomAt(model: RunbookModel, text: string, p: Position): Symptom | undefined {
  return symptomsOf(model, text).find(s => s.range.start.line === p.line && s.range.start.character <= p.character && p.character <= s.range.end.character);
}

export async function symptomHoverSection(s: Symptom, envName: string, query: ConditionQuery, signal: AbortSignal): Promise<string> {
  const r = await evaluateCondition(query, s.expr, signal);
  const out = [`**Symptom** ${inlineCode(s.expr)} on _${escapeMarkdown(envName)}_: ${escapeMarkdown(symptomLabel(r))}`];
  if (r.state === 'holds') {
    const rows = topRows(r.series.map(x => ({ metric: x.labels, value: x.value })));
    const table = seriesTable(rows, r.series.length);
    if (table.length) out.push('', ...table);
  }
  return out.join('\n');
}

// The metrics a step referenced: the names the checker finds in its command (a PromQL step's
// expressions, `prometheus_query '…'` or `curl …query=` in a shell step), found by checking the
// command as a one-block runbook, so the report sees what the editor saw.
import { analyzeText } from '../analysis/pipeline';
import type { RunRecord } from '../run/records';

const QUERIED = new Set(['promql-block', 'shell']);

export async function metricsOfStep(rec: Pick<RunRecord, 'kind' | 'command'>): Promise<string[]> {
  const fence = '`'.repeat(Math.max(3, longestRun(rec.command, '`') + 1));
  const text = `${fence}${rec.kind === 'promql' ? 'promql' : 'bash'}\n${rec.command}\n${fence}\n`;
  const { analysis } = await analyzeText(text, { uri: 'file:///report-step.md' });
  return [...new Set(analysis.metrics.filter((m) => QUERIED.has(m.source) && m.confidence >= 0.6).map((m) => m.name))];
}

export function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) { run = c === ch ? run + 1 : 0; if (run > best) best = run; }
  return best;
}

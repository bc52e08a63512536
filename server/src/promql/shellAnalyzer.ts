// PromQL inside shell blocks, checked where it is written.
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { expressionFindings } from './findings';
import { findShellQueries } from './shellQueries';

export function analyzeShellPromql(body: string): BlockFindings {
  const out: Required<Pick<BlockFindings, 'diagnostics' | 'metrics'>> = { diagnostics: [], metrics: [] };
  for (const q of findShellQueries(body)) {
    const f = expressionFindings(q.expr, { source: 'shell', confidence: 0.9 });
    out.diagnostics.push(...f.diagnostics);
    out.metrics.push(...f.metrics);
  }
  return out;
}

export const shellPromqlAnalyzer: BlockAnalyzer = {
  id: 'promql-shell',
  appliesTo: (block) => block.lang === 'shell',
  analyze: (block) => analyzeShellPromql(block.body),
};

// ```promql fences: several expressions per block, split by the parser, each checked on its own.
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { MappedText } from './mappedText';
import { splitStatements } from './split';
import { expressionFindings } from './findings';

export function analyzePromqlBody(body: string): BlockFindings {
  const out: Required<Pick<BlockFindings, 'diagnostics' | 'metrics'>> = { diagnostics: [], metrics: [] };
  for (const st of splitStatements(body)) {
    const f = expressionFindings(MappedText.identity(st.text, st.from), { source: 'promql-block', confidence: 1 });
    out.diagnostics.push(...f.diagnostics);
    out.metrics.push(...f.metrics);
  }
  return out;
}

export const promqlBlockAnalyzer: BlockAnalyzer = {
  id: 'promql-block',
  appliesTo: (block) => block.lang === 'promql',
  analyze: (block) => analyzePromqlBody(block.body),
};

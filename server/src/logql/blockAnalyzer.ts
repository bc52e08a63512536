// ```logql fences: one query per paragraph (queries in a block are separated by blank lines).
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { MappedText } from '../promql/mappedText';
import { queryDiagnostics } from './findings';

export function blockQueries(body: string): MappedText[] {
  const out: MappedText[] = [];
  const re = /(?:^|\n)((?:[^\n]*\S[^\n]*(?:\n|$))+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const from = m.index + m[0].length - m[1].length;
    out.push(MappedText.identity(m[1].replace(/\n$/, ''), from));
  }
  return out;
}

export function analyzeLogqlBody(body: string): BlockFindings {
  return { diagnostics: blockQueries(body).flatMap(queryDiagnostics) };
}

export const logqlBlockAnalyzer: BlockAnalyzer = {
  id: 'logql-block',
  appliesTo: (block) => block.lang === 'logql',
  analyze: (block) => analyzeLogqlBody(block.body),
};

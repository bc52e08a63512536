// Every check the pipeline runs, in one list. Each feature area adds its analyzers here and
// nowhere else, so the CLI and the editor always run the same checks.
import type { BlockAnalyzer, DocumentAnalyzer } from './types';
import { unclosedFence } from '../markdown/unclosedFence';
import { promqlBlockAnalyzer } from '../promql/blockAnalyzer';
import { shellPromqlAnalyzer } from '../promql/shellAnalyzer';
import { alertRulesAnalyzer } from '../alerts/yamlAnalyzer';

export const blockAnalyzers: BlockAnalyzer[] = [
  promqlBlockAnalyzer,
  shellPromqlAnalyzer,
  alertRulesAnalyzer,
];

export const documentAnalyzers: DocumentAnalyzer[] = [
  unclosedFence,
];

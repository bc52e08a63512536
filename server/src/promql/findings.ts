// Turns one PromQL expression, wherever it lives, into block findings: diagnostics and metric
// references in source (body) offsets, through the expression's MappedText.
import { wholeCodePoints } from '../model/codePoints';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockFindings, LocalDiagnostic, MetricSource } from '../analysis/types';
import { lintExpression, type LintOptions } from './lint';
import { extractMetrics } from './metrics';
import type { MappedText } from './mappedText';

export type BlockMetric = NonNullable<BlockFindings['metrics']>[number];

export interface ExpressionFindings {
  diagnostics: LocalDiagnostic[];
  metrics: BlockMetric[];
  parsed: boolean;
}

export interface FindingOptions extends LintOptions {
  source: MetricSource;
  confidence: number;
  /** Downgrade errors (prose and inline spans are less certain than fences). */
  severity?: DiagnosticSeverity;
}

export const PROMQL_DOCS = 'https://prometheus.io/docs/prometheus/latest/querying/basics/';

export function expressionFindings(expr: MappedText, opts: FindingOptions): ExpressionFindings {
  const { tree, problems, parsed } = lintExpression(expr.text, opts);
  // lezer reads UTF-16 units, so an unexpected emoji yields an error of half its length: widen
  // spans to whole code points (an editor cannot place a squiggle inside a character).
  const span = (from: number, to: number) => expr.span(...wholeCodePoints(expr.text, from, to));
  const diagnostics: LocalDiagnostic[] = problems.map((p) => ({
    span: span(p.from, p.to),
    severity: opts.severity ?? (p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning),
    code: p.code,
    message: p.message,
    codeDescriptionHref: p.code === 'promql/unknown-function' || p.code === 'promql/arity'
      ? 'https://prometheus.io/docs/prometheus/latest/querying/functions/' : PROMQL_DOCS,
    fixes: p.fixes?.map((f) => ({ title: f.title, isPreferred: true, edits: f.edits.map((e) => ({ span: span(e.from, e.to), newText: e.newText })) })),
  }));
  const lead = expr.text.length - expr.text.trimStart().length;
  const exprSpan = expr.span(lead, expr.text.trimEnd().length);
  const exprText = expr.text.trim();
  const metrics: BlockMetric[] = extractMetrics(tree, expr.text).map((m) => ({
    name: m.name, span: expr.span(m.from, m.to), source: opts.source, confidence: opts.confidence, expr: exprText, exprSpan,
  }));
  return { diagnostics, metrics, parsed };
}

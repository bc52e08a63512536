// The PromQL expressions of a checked file, each with a way to place an offset in it on the
// document: exact when the expression is the document's text at its range (a promql fence, a
// plain YAML `expr:`), else on the metric name it was found by (a folded scalar, shell quoting).
import type { Position, Range } from 'vscode-languageserver-types';
import type { MetricRef } from '../analysis/types';

export interface ExprPlace {
  expr: string;
  /** The document range of expr[from, to), best effort. */
  rangeOf(from: number, to: number, fallbackName?: string): Range;
}

/** Sources whose expressions Prometheus would run as written (prose and inline code are guesses). */
const QUERIED = new Set<MetricRef['source']>(['promql-block', 'yaml-expr', 'shell']);

export function exprPlaces(text: string, refs: readonly MetricRef[]): ExprPlace[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offsetOf = (p: Position) => (lineStarts[p.line] ?? text.length) + p.character;
  const positionOf = (o: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid]! <= o) lo = mid; else hi = mid - 1; }
    return { line: lo, character: o - lineStarts[lo]! };
  };
  const byExpr = new Map<string, { expr: string; range: Range; refs: MetricRef[] }>();
  for (const r of refs) {
    if (!r.expr || !r.exprRange || !QUERIED.has(r.source) || r.confidence < 0.6) continue;
    const key = `${offsetOf(r.exprRange.start)}:${r.expr}`;
    const known = byExpr.get(key);
    if (known) known.refs.push(r); else byExpr.set(key, { expr: r.expr, range: r.exprRange, refs: [r] });
  }
  return [...byExpr.values()].map(({ expr, range, refs: names }) => {
    const start = offsetOf(range.start);
    const verbatim = text.slice(start, start + expr.length) === expr;
    return {
      expr,
      rangeOf(from, to, fallbackName) {
        if (verbatim) return { start: positionOf(start + from), end: positionOf(start + to) };
        return (names.find((n) => n.name === fallbackName) ?? names[0]!).range;
      },
    };
  });
}

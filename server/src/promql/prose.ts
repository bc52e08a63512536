// Unfenced PromQL in prose: a paragraph line that is a whole expression with clear structure.
// Its metrics are kept as low-confidence hints, and a hint offers to fence the line so it is
// checked and can be run (the same treatment unfenced shell commands get).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocContext, DocFindings, Fix, MetricRef, TextEditDoc } from '../analysis/types';
import { ContentMemo } from '../analysis/contentMemo';
import { positionInParagraph } from '../model/paragraphPosition';
import { fencePrefix } from '../markdown/fencePrefix';
import type { Position } from '../model/types';
import { MappedText } from './mappedText';
import { expressionFindings, type ExpressionFindings } from './findings';
import { isProsePromql } from './inlineHeuristics';

/** One PromQL line of a paragraph, in offsets into the paragraph's text. */
interface ProseLine { start: number; expr: string; metrics: ExpressionFindings['metrics'] }

// Per paragraph text, so a keystroke re-scans only the paragraph it changed.
const linesOf = new ContentMemo<ProseLine[]>((text) => {
  const found: ProseLine[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const lineStart = pos;
    pos += line.length + 1;
    if (!isProsePromql(line)) continue;
    const expr = line.trim();
    const start = lineStart + line.length - line.trimStart().length;
    found.push({ start, expr, metrics: expressionFindings(MappedText.identity(expr, start), { source: 'prose', confidence: 0.5 }).metrics });
  }
  return found;
});

export function prosePromql(ctx: Pick<DocContext, 'model' | 'text' | 'document'>): Required<Pick<DocFindings, 'diagnostics' | 'metrics'>> {
  const diagnostics: Diagnostic[] = [];
  const metrics: MetricRef[] = [];
  for (const p of ctx.model.paragraphs) {
    const lines = linesOf.get(p.text);
    if (!lines.length) continue;
    const at = (rel: number): Position => positionInParagraph(p, rel) ?? ctx.document().positionAt(p.offset + rel);
    const range = (s: number, e: number) => ({ start: at(s), end: at(e) });
    for (const { start, expr, metrics: found } of lines) {
      for (const m of found) metrics.push({ name: m.name, range: range(m.span.start, m.span.end), source: 'prose', confidence: 0.5, expr: m.expr, exprRange: m.exprSpan && range(m.exprSpan.start, m.exprSpan.end) });
      const r = range(start, start + expr.length);
      const prefix = fencePrefix(ctx.text, p.offset + start);
      const fix: Fix<TextEditDoc> = { title: 'Wrap in a ```promql block', isPreferred: true, edits: [{ range: r, newText: `\`\`\`promql\n${prefix}${expr}\n${prefix}\`\`\`` }] };
      diagnostics.push({
        range: r, severity: DiagnosticSeverity.Hint, code: 'promql/unfenced', source: 'runbook',
        message: 'This line is PromQL: put it in a ```promql block so it is checked and can be run.',
        data: { fixes: [fix] },
      });
    }
  }
  return { diagnostics, metrics };
}

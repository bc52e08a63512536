// Unfenced PromQL in prose: a paragraph line that is a whole expression with clear structure.
// Its metrics are kept as low-confidence hints, and a hint offers to fence the line so it is
// checked and can be run (the same treatment unfenced shell commands get).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocFindings, Fix, MetricRef, TextEditDoc } from '../analysis/types';
import type { RunbookModel } from '../model/types';
import { MappedText } from './mappedText';
import { expressionFindings } from './findings';
import { isProsePromql } from './inlineHeuristics';

export function prosePromql(model: RunbookModel, text: string, doc: TextDocument): Required<Pick<DocFindings, 'diagnostics' | 'metrics'>> {
  const diagnostics: Diagnostic[] = [];
  const metrics: MetricRef[] = [];
  const range = (s: number, e: number) => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
  for (const p of model.paragraphs) {
    let pos = 0;
    for (const line of p.text.split('\n')) {
      const lineStart = p.offset + pos;
      pos += line.length + 1;
      if (!isProsePromql(line)) continue;
      const lead = line.length - line.trimStart().length;
      const expr = line.trim();
      const start = lineStart + lead;
      const f = expressionFindings(MappedText.identity(expr, start), { source: 'prose', confidence: 0.5 });
      for (const m of f.metrics) metrics.push({ name: m.name, range: range(m.span.start, m.span.end), source: 'prose', confidence: 0.5, expr: m.expr, exprRange: m.exprSpan && range(m.exprSpan.start, m.exprSpan.end) });
      const r = range(start, start + expr.length);
      const prefix = text.slice(doc.offsetAt({ line: r.start.line, character: 0 }), start).replace(/[^>\t]/g, ' ');
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

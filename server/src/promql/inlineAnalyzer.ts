// PromQL in inline code (prose lines are in prose.ts). Inline spans that are clearly PromQL are
// checked (as warnings: prose shows wrong examples on purpose more often than fences do) and give
// metric references; bare names count when they have a metric suffix, sit in a list of metrics,
// or are queried by the runbook's own blocks. Keys listed under an expvar endpoint
// (`/debug/vars`) are JSON counters, not Prometheus metrics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocContext, DocFindings, DocumentAnalyzer, MetricRef } from '../analysis/types';
import { MappedText } from './mappedText';
import { expressionFindings, type ExpressionFindings } from './findings';
import { ContentMemo } from '../analysis/contentMemo';
import { classifyInline, isSnakeCaseName } from './inlineHeuristics';
import { prosePromql } from './prose';

const EXPVAR = /\/debug\/vars|expvar/i;

function lineAt(text: string, offset: number): { from: number; to: number; text: string } {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const to = nl < 0 ? text.length : nl;
  return { from, to, text: text.slice(from, to) };
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** True when the list item holding `offset`, or the item it is nested under, talks about expvar. */
export function underExpvar(text: string, offset: number): boolean {
  let line = lineAt(text, offset);
  if (EXPVAR.test(line.text)) return true;
  let indent = indentOf(line.text);
  for (let n = 0; n < 40 && line.from > 0 && indent > 0; n++) {
    line = lineAt(text, line.from - 1);
    if (line.text.trim() === '') continue;
    const ind = indentOf(line.text);
    if (ind < indent) {
      if (EXPVAR.test(line.text)) return true;
      indent = ind;
    }
  }
  return false;
}

/** `- \`name\` - description` in a section about metrics. */
function inMetricList(text: string, offset: number, sectionPath: string[]): boolean {
  const line = lineAt(text, offset);
  const before = text.slice(line.from, offset);
  return /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*)?`+$/.test(before) && sectionPath.some((t) => /metric/i.test(t));
}

/** What an inline span's text alone says, in offsets into that text. */
interface SpanFacts { kind: 'none' | 'name' | 'expr'; name: string; nameAt: number; snake: boolean; findings?: ExpressionFindings }

// Per span text: classifying and linting is the costly part, and it depends on the text only.
const factsOf = new ContentMemo<SpanFacts>((text) => {
  const c = classifyInline(text);
  const name = text.trim();
  return {
    kind: c.kind, name, nameAt: text.indexOf(name), snake: c.kind === 'none' && isSnakeCaseName(name),
    ...(c.kind === 'expr' ? { findings: expressionFindings(MappedText.identity(text, 0), { source: 'inline', confidence: 0.9, severity: DiagnosticSeverity.Warning }) } : {}),
  };
});

export function analyzeInlinePromql(ctx: DocContext): DocFindings {
  const diagnostics: Diagnostic[] = [];
  const metrics: MetricRef[] = [];
  // A bare name the runbook's own queries use is a metric even without a telltale suffix.
  const queried = new Set(ctx.blockResults.metrics.map((m) => m.name));
  // underExpvar reads whole lines, so it is asked once per line: a hostile one-line file with
  // 100,000 spans otherwise costs minutes (found by test/unit/robustness).
  const expvarLines = new Map<number, boolean>();
  const expvarAt = (line: number, offset: number) => {
    let v = expvarLines.get(line);
    if (v === undefined) expvarLines.set(line, v = underExpvar(ctx.text, offset));
    return v;
  };
  for (const ic of ctx.model.inlineCodes) {
    const start = ic.offset;
    const source = ctx.text.slice(start, start + ic.text.length);
    const verbatim = source === ic.text;
    if (!verbatim && source.replace(/\r?\n/g, ' ') !== ic.text) continue;
    if (expvarAt(ic.range.start.line, start)) continue;
    const f = factsOf.get(ic.text);
    if (f.kind === 'none' && !f.snake) continue;
    // A span on one line (no CR either) maps by column; one folded over lines asks the document.
    const oneLine = verbatim && !/[\r\n]/.test(source);
    const at = (rel: number) => oneLine ? { line: ic.range.start.line, character: ic.range.start.character + rel } : ctx.document().positionAt(start + rel);
    const range = (s: number, e: number) => ({ start: at(s), end: at(e) });
    const listed = f.kind === 'none' && (queried.has(f.name) || inMetricList(ctx.text, start, ic.sectionPath));
    if (f.kind === 'name' || listed) {
      const confidence = queried.has(f.name) ? 0.9 : f.kind === 'name' ? 0.8 : 0.6;
      metrics.push({ name: f.name, range: range(f.nameAt, f.nameAt + f.name.length), source: 'inline', confidence });
      continue;
    }
    if (!f.findings) continue;
    for (const d of f.findings.diagnostics) {
      diagnostics.push({ range: range(d.span.start, d.span.end), severity: d.severity, code: d.code, source: 'runbook', message: d.message });
    }
    for (const m of f.findings.metrics) metrics.push({ name: m.name, range: range(m.span.start, m.span.end), source: 'inline', confidence: m.confidence, expr: m.expr, exprRange: m.exprSpan && range(m.exprSpan.start, m.exprSpan.end) });
  }
  const prose = prosePromql(ctx);
  diagnostics.push(...prose.diagnostics);
  metrics.push(...prose.metrics);
  return { diagnostics, metrics };
}

export const promqlInlineAnalyzer: DocumentAnalyzer = { id: 'promql-inline', analyze: analyzeInlinePromql };

// PromQL in inline code (prose lines are in prose.ts). Inline spans that are clearly PromQL are
// checked (as warnings: prose shows wrong examples on purpose more often than fences do) and give
// metric references; bare names count when they have a metric suffix, sit in a list of metrics,
// or are queried by the runbook's own blocks. Keys listed under an expvar endpoint
// (`/debug/vars`) are JSON counters, not Prometheus metrics.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocContext, DocFindings, DocumentAnalyzer, MetricRef } from '../analysis/types';
import { MappedText } from './mappedText';
import { expressionFindings } from './findings';
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

export function analyzeInlinePromql(ctx: DocContext): DocFindings {
  const doc = TextDocument.create(ctx.model.uri, 'markdown', ctx.model.version, ctx.text);
  const range = (s: number, e: number) => ({ start: doc.positionAt(s), end: doc.positionAt(e) });
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
    const start = doc.offsetAt(ic.range.start);
    const exact = ctx.text.slice(start, start + ic.text.length).replace(/\r?\n/g, ' ') === ic.text;
    if (!exact || expvarAt(ic.range.start.line, start)) continue;
    const c = classifyInline(ic.text);
    const name = ic.text.trim();
    const listed = c.kind === 'none' && isSnakeCaseName(name) && (queried.has(name) || inMetricList(ctx.text, start, ic.sectionPath));
    if (c.kind === 'name' || listed) {
      const s = start + ic.text.indexOf(name);
      const confidence = queried.has(name) ? 0.9 : c.kind === 'name' ? 0.8 : 0.6;
      metrics.push({ name, range: range(s, s + name.length), source: 'inline', confidence });
      continue;
    }
    if (c.kind !== 'expr') continue;
    const f = expressionFindings(MappedText.identity(ic.text, start), { source: 'inline', confidence: 0.9, severity: DiagnosticSeverity.Warning });
    for (const d of f.diagnostics) {
      diagnostics.push({ range: range(d.span.start, d.span.end), severity: d.severity, code: d.code, source: 'runbook', message: d.message });
    }
    for (const m of f.metrics) metrics.push({ name: m.name, range: range(m.span.start, m.span.end), source: 'inline', confidence: m.confidence, expr: m.expr, exprRange: m.exprSpan && range(m.exprSpan.start, m.exprSpan.end) });
  }
  const prose = prosePromql(ctx.model, ctx.text, doc);
  diagnostics.push(...prose.diagnostics);
  metrics.push(...prose.metrics);
  return { diagnostics, metrics };
}

export const promqlInlineAnalyzer: DocumentAnalyzer = { id: 'promql-inline', analyze: analyzeInlinePromql };

// Where PromQL lives in a runbook, asked from a document offset: which expression holds it, and
// where inside that expression the offset falls. Hover and completion start here.
import { bodyLineOffsets } from '../model/bodyLines';
import type { CodeBlock, RunbookModel } from '../model/types';
import type { MetricSource } from '../analysis/types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isScalar } from 'yaml';
import { MappedText } from './mappedText';
import { splitStatements } from './split';
import { findShellQueries } from './shellQueries';
import { classifyInline } from './inlineHeuristics';
import { findRules } from '../alerts/rules';
import { scalarText } from '../alerts/scalarText';

export interface PromqlPlace {
  source: MetricSource;
  /** The expression (unquoted), and the offset's index into it. */
  expr: string;
  index: number;
  /** Document offset of expression index i (end of expression for i = expr.length). */
  docOffset(i: number): number;
}

function bodyOffsetOf(block: CodeBlock, docOffset: number): number {
  const starts = block.bodyLineStarts;
  const lines = bodyLineOffsets(block.body);
  for (let k = 0; k < starts.length && k < lines.length; k++) {
    const len = (k + 1 < lines.length ? lines[k + 1] - 1 : block.body.length) - lines[k];
    if (docOffset >= starts[k] && docOffset <= starts[k] + len) return lines[k] + (docOffset - starts[k]);
  }
  return -1;
}

function docOffsetOf(block: CodeBlock, bodyOffset: number): number {
  const lines = bodyLineOffsets(block.body);
  let line = 0;
  while (line + 1 < lines.length && lines[line + 1] <= bodyOffset) line++;
  return (block.bodyLineStarts[line] ?? 0) + (bodyOffset - lines[line]);
}

function placeIn(m: MappedText, bodyOffset: number, source: MetricSource, toDoc: (b: number) => number): PromqlPlace | undefined {
  const index = m.indexAt(bodyOffset);
  if (index < 0) return undefined;
  return { source, expr: m.text, index, docOffset: (i) => toDoc(m.sourceOffset(i)) };
}

/** Candidate expressions of a block body, as mapped texts in body offsets. */
export function blockExpressions(block: Pick<CodeBlock, 'lang' | 'body'>): { source: MetricSource; expr: MappedText }[] {
  switch (block.lang) {
    case 'promql': return splitStatements(block.body).map((s) => ({ source: 'promql-block', expr: MappedText.identity(s.text, s.from) }));
    case 'shell': return findShellQueries(block.body).map((q) => ({ source: 'shell', expr: q.expr }));
    case 'yaml': return findRules(block.body).flatMap((r) => {
      const v = r.get('expr')?.value;
      const m = isScalar(v) ? scalarText(v, block.body) : undefined;
      return m ? [{ source: 'yaml-expr' as const, expr: m }] : [];
    });
    default: return [];
  }
}

export function promqlPlaceAt(model: RunbookModel, text: string, offset: number): PromqlPlace | undefined {
  const doc = TextDocument.create(model.uri, 'markdown', model.version, text);
  for (const block of model.blocks) {
    if (offset < doc.offsetAt(block.bodyRange.start) || offset > doc.offsetAt(block.bodyRange.end)) continue;
    const b = bodyOffsetOf(block, offset);
    if (b < 0) return undefined;
    const toDoc = (x: number) => docOffsetOf(block, x);
    for (const { source, expr } of blockExpressions(block)) {
      const p = placeIn(expr, b, source, toDoc);
      if (p) return p;
    }
    // A blank line in a promql block is a place to start a new expression.
    if (block.lang === 'promql') return { source: 'promql-block', expr: '', index: 0, docOffset: () => offset };
    return undefined;
  }
  for (const ic of model.inlineCodes) {
    const s = doc.offsetAt(ic.range.start);
    const e = doc.offsetAt(ic.range.end);
    if (offset < s || offset > e || classifyInline(ic.text).kind === 'none') continue;
    return { source: 'inline', expr: ic.text, index: offset - s, docOffset: (i) => s + i };
  }
  return undefined;
}

/** For a standalone `.promql` file: the whole text is one promql block. */
export function promqlPlaceInFile(text: string, offset: number): PromqlPlace | undefined {
  for (const s of splitStatements(text)) {
    if (offset >= s.from && offset <= s.to) return { source: 'promql-block', expr: s.text, index: offset - s.from, docOffset: (i) => s.from + i };
  }
  return { source: 'promql-block', expr: '', index: 0, docOffset: () => offset };
}

// Every range the pipeline hands out, collected with a label, and the checks each must pass:
// inside the document (line exists, character within the line, EOL excluded) and start <= end.
// With `strict`, also not splitting a surrogate pair (cosmetic: an editor draws half an emoji).
import { bodyLineOffsets } from '../../server/src/model/bodyLines';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { AnalyzeResult } from '../../server/src/analysis/pipeline';

export function labelledRanges({ model, analysis }: AnalyzeResult): [string, Range][] {
  const out: [string, Range][] = [];
  const add = (label: string, r: Range | undefined) => { if (r) out.push([label, r]); };
  model.sections.forEach((s, i) => { add(`section[${i}].headingRange`, s.headingRange); add(`section[${i}].range`, s.range); });
  model.blocks.forEach((b, i) => { add(`block[${i}].range`, b.range); add(`block[${i}].bodyRange`, b.bodyRange); add(`block[${i}].infoRange`, b.infoRange); });
  model.inlineCodes.forEach((c, i) => add(`inlineCode[${i}]`, c.range));
  model.paragraphs.forEach((p, i) => add(`paragraph[${i}]`, p.range));
  add('frontMatter', model.frontMatter?.range);
  analysis.diagnostics.forEach((d, i) => {
    add(`diagnostic[${i}] ${d.code}`, d.range);
    const fixes = (d.data as { fixes?: { edits: { range: Range }[] }[] } | undefined)?.fixes ?? [];
    fixes.forEach((f, j) => f.edits.forEach((e, k) => add(`diagnostic[${i}] ${d.code} fix[${j}].edit[${k}]`, e.range)));
  });
  analysis.metrics.forEach((m, i) => { add(`metric[${i}] ${m.source}`, m.range); add(`metric[${i}].exprRange`, m.exprRange); });
  analysis.placeholders.forEach((p, i) => add(`placeholder[${i}] ${p.kind}`, p.range));
  analysis.dangers.forEach((d, i) => add(`danger[${i}] ${d.rule}`, d.range));
  return out;
}

/** Problems with the result's ranges and offsets, as readable strings (empty when all is well). */
export function rangeProblems(text: string, result: AnalyzeResult, strict = false): string[] {
  const doc = TextDocument.create('file:///x.md', 'markdown', 0, text);
  const lineLength = (line: number) => {
    const s = doc.offsetAt({ line, character: 0 });
    const e = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
    return text.slice(s, e).replace(/\r?\n$|\r$/, '').length;
  };
  const problems: string[] = [];
  const inside = (label: string, p: Range['start']) => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${label} has a bad position ${JSON.stringify(p)}`;
    if (p.line >= doc.lineCount) return `${label} is past the last line (${p.line} >= ${doc.lineCount})`;
    if (p.character > lineLength(p.line)) return `${label} is past the end of line ${p.line} (${p.character} > ${lineLength(p.line)})`;
    const o = doc.offsetAt(p);
    const hi = text.charCodeAt(o - 1), lo = text.charCodeAt(o);
    if (strict && hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) return `${label} splits a surrogate pair at ${p.line}:${p.character}`;
    return undefined;
  };
  for (const [label, r] of labelledRanges(result)) {
    const bad = inside(`${label}.start`, r.start) ?? inside(`${label}.end`, r.end);
    if (bad) { problems.push(bad); continue; }
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) problems.push(`${label} ends before it starts ${JSON.stringify(r)}`);
  }
  for (const b of result.model.blocks) {
    for (const s of b.bodyLineStarts) if (!(s >= 0 && s <= text.length)) problems.push(`block[${b.index}].bodyLineStarts has ${s} outside 0..${text.length}`);
    const lines = b.body === '' ? 0 : bodyLineOffsets(b.body).length;
    if (b.bodyLineStarts.length !== lines) problems.push(`block[${b.index}] has ${b.bodyLineStarts.length} line starts for ${lines} body lines`);
  }
  return problems;
}

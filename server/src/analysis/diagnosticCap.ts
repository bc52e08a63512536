// Caps what one document publishes: a generated 100,000-line block gave 300,001 diagnostics
// (655 MB, and an editor that freezes drawing them). Past the caps, one information diagnostic
// says how many more there are, so the count is never silently wrong.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';

export const MAX_PER_BLOCK = 100;
export const MAX_PER_DOCUMENT = 1000;

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** `diags` in document order; `blocks` are the code blocks' ranges, in document order. */
export function capDiagnostics(diags: Diagnostic[], blocks: readonly { range: Range }[]): Diagnostic[] {
  if (diags.length <= MAX_PER_BLOCK) return diags;
  const out: Diagnostic[] = [];
  let b = 0, inBlock = 0, droppedInBlock = 0, droppedInDoc = 0;
  const closeBlock = () => {
    if (droppedInBlock) out.push(more(blocks[b].range, droppedInBlock, 'in this block'));
    inBlock = 0; droppedInBlock = 0;
  };
  for (const d of diags) {
    // Two pointers: diagnostics and blocks both run in document order.
    while (b < blocks.length && !before(d.range.start, blocks[b].range.end)) { closeBlock(); b++; }
    const inside = b < blocks.length && !before(d.range.start, blocks[b].range.start);
    if (inside && ++inBlock > MAX_PER_BLOCK) { droppedInBlock++; continue; }
    if (out.length >= MAX_PER_DOCUMENT) { droppedInDoc++; continue; }
    out.push(d);
  }
  if (b < blocks.length) closeBlock();
  if (droppedInDoc) out.push(more({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, droppedInDoc, 'in this document'));
  return out;
}

function more(at: Range, n: number, where: string): Diagnostic {
  return {
    range: { start: at.start, end: at.start }, severity: DiagnosticSeverity.Information, source: 'runbook', code: 'runbook/more-findings',
    message: `… and ${n} more finding${n === 1 ? '' : 's'} ${where}, not shown (at most ${where === 'in this block' ? MAX_PER_BLOCK : MAX_PER_DOCUMENT}).`,
  };
}

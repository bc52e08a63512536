// Block analyzers speak in offsets into a block's body; users need document ranges. The body is
// not a contiguous slice of the document (list and quote prefixes are stripped), so we map line
// by line through CodeBlock.bodyLineStarts.
import type { CodeBlock, Range } from '../model/types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BodySpan } from './types';

export class BodyMap {
  private readonly lineOffsets: number[] = [0];

  constructor(private readonly block: CodeBlock, private readonly doc: TextDocument) {
    const body = block.body;
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) this.lineOffsets.push(i + 1);
  }

  docOffset(bodyOffset: number): number {
    const starts = this.block.bodyLineStarts;
    if (!starts.length) return this.doc.offsetAt(this.block.bodyRange.start);
    const o = Math.max(0, Math.min(bodyOffset, this.block.body.length));
    let lo = 0, hi = Math.min(this.lineOffsets.length, starts.length) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineOffsets[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return starts[lo] + (o - this.lineOffsets[lo]);
  }

  range(span: BodySpan): Range {
    const s = this.docOffset(span.start);
    const e = this.docOffset(Math.max(span.start, span.end));
    return { start: this.doc.positionAt(s), end: this.doc.positionAt(e) };
  }
}

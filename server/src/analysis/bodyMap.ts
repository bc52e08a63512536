// Block analyzers speak in offsets into a block's body; users need document ranges. The body is
// not a contiguous slice of the document (list and quote prefixes are stripped), so we map line
// by line through CodeBlock.bodyLineStarts.
//
// Body line k sits on document line bodyRange.start.line + k, so a position needs only the
// column, found by looking back to the line break: no line table of the whole document is built
// on every keystroke. A lone CR (a line break to LSP, but not to our line count) takes the slow path.
import type { CodeBlock, Position, Range } from '../model/types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { BodySpan } from './types';
import { bodyLineOffsets } from '../model/bodyLines';
import { wholeCodePoints } from '../model/codePoints';

export class BodyMap {
  private readonly lineOffsets: number[];
  private readonly text: string;
  private readonly doc: () => TextDocument;
  /** A lone CR inside the body makes one body line span several document lines. */
  private readonly loneCr: boolean;

  /** `source` is the document, or its text plus a way to get the document only when needed. */
  constructor(readonly block: CodeBlock, source: TextDocument | { text: string; doc: () => TextDocument }) {
    if ('getText' in source) { this.text = source.getText(); this.doc = () => source; }
    else { this.text = source.text; this.doc = source.doc; }
    const body = block.body;
    this.loneCr = /\r(?!\n)/.test(body);
    this.lineOffsets = bodyLineOffsets(body);
  }

  /** Index of the body line holding `bodyOffset`, and that offset in the document. */
  private locate(bodyOffset: number): { line: number; offset: number } | undefined {
    const starts = this.block.bodyLineStarts;
    if (!starts.length) return undefined;
    const o = Math.max(0, Math.min(bodyOffset, this.block.body.length));
    let lo = 0, hi = Math.min(this.lineOffsets.length, starts.length) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineOffsets[mid] <= o) lo = mid; else hi = mid - 1;
    }
    // A body line can be longer than its document line (a tab the parser expanded): stay on it.
    let end = starts[lo];
    while (end < this.text.length && this.text.charCodeAt(end) !== 10 && this.text.charCodeAt(end) !== 13) end++;
    return { line: lo, offset: Math.min(starts[lo] + (o - this.lineOffsets[lo]), end) };
  }

  docOffset(bodyOffset: number): number {
    return this.locate(bodyOffset)?.offset ?? this.doc().offsetAt(this.block.bodyRange.start);
  }

  private position(bodyOffset: number): Position {
    const at = this.locate(bodyOffset);
    if (!at) return this.doc().positionAt(this.doc().offsetAt(this.block.bodyRange.start));
    if (this.loneCr) return this.doc().positionAt(at.offset);
    const lineStart = this.text.lastIndexOf('\n', at.offset - 1) + 1;
    for (let i = lineStart; i < at.offset; i++) if (this.text.charCodeAt(i) === 13) return this.doc().positionAt(at.offset);
    return { line: this.block.bodyRange.start.line + at.line, character: at.offset - lineStart };
  }

  /**
   * Text to insert at `bodyOffset` with the line's container prefix (list indentation, `> `)
   * repeated after each line break, so a line added inside a fenced block in a list item stays in it.
   */
  insertion(bodyOffset: number, newText: string): string {
    if (!newText.includes('\n')) return newText;
    const at = this.locate(bodyOffset);
    if (!at) return newText;
    const docLineStart = this.text.lastIndexOf('\n', this.block.bodyLineStarts[at.line]! - 1) + 1;
    const prefix = this.text.slice(docLineStart, this.block.bodyLineStarts[at.line]);
    return /^[ \t>]*$/.test(prefix) ? newText.replace(/\n/g, `\n${prefix}`) : newText;
  }

  range(span: BodySpan): Range {
    // A check that reads UTF-16 units (or maps through unquoting) can end a span inside an emoji:
    // widen to whole code points, which is all an editor can show.
    const [start, end] = wholeCodePoints(this.block.body, span.start, Math.max(span.start, span.end));
    return { start: this.position(start), end: this.position(end) };
  }
}

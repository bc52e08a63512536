// An open document whose edits do not copy its text. vscode-languageserver-textdocument splices
// each edit into one string and then reads a character next to it, which makes V8 flatten the
// whole string: on a 4.8 MB runbook that is a 10 MB copy per keystroke, and 200 fast edits held
// the main thread for seconds before any request behind them was read (issue 19 item 9). Here
// the text is a short list of pieces (slices of earlier versions, and the inserted texts); it is
// joined once, when someone asks for the whole text. Positions follow the library exactly
// (same line-offset bookkeeping, same clamping before line ends); a differential test holds it to that.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Past this many pieces, lookups cost more than one join: the pieces are joined. */
const MAX_PIECES = 64;
const LF = 10, CR = 13;
const isEOL = (c: number) => c === LF || c === CR;

export class PieceDocument implements TextDocument {
  private pieces: string[];
  /** Offset of each piece's first character. */
  private starts: number[] = [0];
  private length: number;
  private lineOffsets: number[] | undefined;

  constructor(readonly uri: string, readonly languageId: string, private _version: number, content: string) {
    this.pieces = [content];
    this.length = content.length;
  }

  get version(): number { return this._version; }
  get lineCount(): number { return this.getLineOffsets().length; }

  getText(range?: Range): string {
    if (!range) return this.flat();
    return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.length;
    return this.beforeEOL(Math.min(lineOffset + position.character, next), lineOffset);
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0, high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > offset) high = mid; else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEOL(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  /** The library's update, with the string splice replaced by a piece splice. */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.pieces = [change.text]; this.starts = [0]; this.length = change.text.length; this.lineOffsets = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const startOffset = this.offsetAt(range.start);
      const endOffset = this.offsetAt(range.end);
      this.splice(startOffset, endOffset, change.text);
      const insertedEnd = startOffset + change.text.length;
      const crlfAtStart = this.charAt(startOffset - 1) === CR && this.charAt(startOffset) === LF;
      const crlfAtEnd = this.charAt(insertedEnd - 1) === CR && this.charAt(insertedEnd) === LF;
      if (crlfAtStart || crlfAtEnd) { this.lineOffsets = undefined; continue; }
      const lineOffsets = this.lineOffsets;
      if (!lineOffsets) continue;
      const startLine = Math.max(range.start.line, 0);
      const endLine = Math.max(range.end.line, 0);
      const added = computeLineOffsets(change.text, false, startOffset);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
      } else {
        this.lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
      }
      const diff = change.text.length - (endOffset - startOffset);
      if (diff !== 0) {
        const offsets = this.lineOffsets!;
        for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] += diff;
      }
    }
    this._version = version;
  }

  /** An offset inside a line ending is moved before it, as the library does. */
  private beforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charAt(offset - 1))) offset--;
    return offset;
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - lineOffsets[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lineOffsets[line];
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEOL(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line < 0 || line >= lineOffsets.length) return '';
    const start = lineOffsets[line];
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    return this.slice(this.beforeEOL(next, start), next);
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= computeLineOffsets(this.flat(), true));
  }

  private flat(): string {
    if (this.pieces.length !== 1) { this.pieces = [this.pieces.join('')]; this.starts = [0]; }
    return this.pieces[0];
  }

  /** Index of the piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    let low = 0, high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid; else high = mid - 1;
    }
    return low;
  }

  private charAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.pieceAt(offset);
    return this.pieces[i].charCodeAt(offset - this.starts[i]);
  }

  /** As String.prototype.substring (a reversed range is read forwards). */
  private slice(start: number, end: number): string {
    // Line offsets the library leaves undefined (an edit far past the end) read as substring reads them.
    if (!Number.isInteger(start) || !Number.isInteger(end)) return this.flat().substring(start, end);
    if (end < start) [start, end] = [end, start];
    if (end === start) return '';
    const i = this.pieceAt(start), j = this.pieceAt(end - 1);
    if (i === j) return this.pieces[i].substring(start - this.starts[i], end - this.starts[i]);
    let out = this.pieces[i].substring(start - this.starts[i]);
    for (let k = i + 1; k < j; k++) out += this.pieces[k];
    return out + this.pieces[j].substring(0, end - this.starts[j]);
  }

  private splice(start: number, end: number, text: string): void {
    const i = this.pieceAt(start), j = this.pieceAt(Math.max(end - 1, start));
    const left = this.pieces[i].substring(0, start - this.starts[i]);
    const right = this.pieces[j].substring(Math.min(end - this.starts[j], this.pieces[j].length));
    const middle = [left, text, right].filter(p => p.length > 0);
    this.pieces.splice(i, j - i + 1, ...middle);
    if (this.pieces.length === 0) this.pieces.push('');
    this.length += text.length - (end - start);
    this.starts.length = this.pieces.length;
    for (let k = i, at = k === 0 ? 0 : this.starts[k - 1] + this.pieces[k - 1].length; k < this.pieces.length; k++) {
      this.starts[k] = at;
      at += this.pieces[k].length;
    }
    if (this.pieces.length > MAX_PIECES) this.flat();
  }
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result = isAtLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

/** For `new TextDocuments(pieceDocuments)`: the library's configuration shape. */
export const pieceDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): TextDocument => new PieceDocument(uri, languageId, version, content),
  update: (document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    (document as unknown as PieceDocument).update(changes, version);
    return document;
  },
};

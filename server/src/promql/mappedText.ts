// PromQL that sits inside another syntax (a shell word, a YAML scalar) is not a plain slice of
// its source: quotes, escapes and indentation are undone first. MappedText keeps, for every
// character of the unquoted text, the source span it came from, so problems map back exactly.
import type { BodySpan } from '../analysis/types';

export class MappedText {
  text = '';
  private starts: number[] = [];
  private ends: number[] = [];
  /** Source offset just after the last character (for spans that end at the end of the text). */
  private tail = 0;

  /** Appends text copied verbatim from source offset `src`. */
  copy(chunk: string, src: number): this {
    for (let i = 0; i < chunk.length; i++) { this.starts.push(src + i); this.ends.push(src + i + 1); }
    this.text += chunk;
    this.tail = src + chunk.length;
    return this;
  }

  /** Appends `chunk` standing for the source span [srcFrom, srcTo) (an escape, a folded line break). */
  replace(chunk: string, srcFrom: number, srcTo: number): this {
    for (let i = 0; i < chunk.length; i++) { this.starts.push(srcFrom); this.ends.push(srcTo); }
    this.text += chunk;
    this.tail = srcTo;
    return this;
  }

  /** Appends character `i` of another mapped text, keeping its source span. */
  takeFrom(other: MappedText, i: number): this {
    const sp = other.span(i, i + 1);
    this.starts.push(sp.start); this.ends.push(sp.end);
    this.text += other.text[i];
    this.tail = sp.end;
    return this;
  }

  /** Appends `chunk` standing for other.text[from, to) (an escape sequence being undone). */
  replaceFrom(chunk: string, other: MappedText, from: number, to: number): this {
    const sp = other.span(from, to);
    return this.replace(chunk, sp.start, sp.end);
  }

  static identity(text: string, src = 0): MappedText {
    return new MappedText().copy(text, src);
  }

  sourceOffset(i: number): number {
    if (i < this.starts.length) return this.starts[i];
    return this.tail;
  }

  /** The text index whose source covers `src` (or the insertion point before it), -1 when outside. */
  indexAt(src: number): number {
    if (!this.starts.length) return src === this.tail ? 0 : -1;
    if (src < this.starts[0] || src > this.tail) return -1;
    for (let i = 0; i < this.starts.length; i++) if (this.ends[i] > src) return i;
    return this.text.length;
  }

  /** The source span of text[from, to). */
  span(from: number, to: number): BodySpan {
    const start = this.sourceOffset(from);
    const end = to > from ? this.ends[Math.min(to, this.ends.length) - 1] ?? this.tail : start;
    return { start, end: Math.max(start, end) };
  }

  /** The text of [from, to) as a new mapped text (offsets stay in source terms). */
  slice(from: number, to = this.text.length): MappedText {
    const m = new MappedText();
    m.text = this.text.slice(from, to);
    m.starts = this.starts.slice(from, to);
    m.ends = this.ends.slice(from, to);
    m.tail = to < this.starts.length ? this.starts[to] : this.tail;
    return m;
  }
}

// Column units differ between tools: mvdan/sh reports UTF-8 byte offsets, ShellCheck counts
// characters (code points, a tab is one), LSP wants UTF-16 code units. Converting in one place
// keeps the diagnostics on the right character in lines with accents or emoji.

/** UTF-16 offset of UTF-8 byte offset `byteOffset` in `text`. */
export function utf8ToUtf16(text: string, byteOffset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byteOffset) {
    const cp = text.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Offsets of each line start in `text` (lines split on \n). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * UTF-16 offset in `text` of a 1-based line and 1-based column counted in code points
 * (ShellCheck's unit). Columns past the end of the line clamp to the line end.
 */
export function codePointColumnToOffset(text: string, starts: number[], line: number, column: number): number {
  const lineStart = starts[Math.min(Math.max(line - 1, 0), starts.length - 1)];
  const lineEnd = line < starts.length ? starts[line] - 1 : text.length;
  let i = lineStart;
  for (let col = 1; col < column && i < lineEnd; col++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return Math.min(i, lineEnd);
}

// How deeply block quotes and list items nest, found by a line scan before remark sees the text.
// micromark's cost grows much faster than the nesting (200 indented list levels take seconds,
// 1,000 take minutes) and mdast-util-from-markdown recurses per level, so a few thousand inline
// levels (`- - - … x`) overflow the stack. Real runbooks nest a handful of levels; anything past
// the limit is hostile, and gets a diagnostic instead of a parse.

export const maxNesting = 64;

export interface Nesting { depth: number; line: number }

/**
 * The deepest nesting when it is over the limit, else undefined. Cheap for ordinary text: past the
 * limit, some line must open with at least 16 characters of indentation, quote and list markers
 * (every list level adds two columns; a tab is at most four), and most documents have none.
 */
export function tooDeep(text: string): Nesting | undefined {
  if (!/^[ \t>*+\-.)0-9]{16}/m.test(text)) return undefined;
  const deep = deepestNesting(text);
  return deep.depth > maxNesting ? deep : undefined;
}

/**
 * The deepest nesting on any line (0-based line number). An estimate that errs high: list items
 * are tracked by their content column, so a YAML list inside a fence counts too; that is harmless
 * because no legitimate text gets near the limit.
 */
export function deepestNesting(text: string): Nesting {
  let deepest: Nesting = { depth: 0, line: 0 };
  const lists: number[] = [];
  let line = 0;
  for (let pos = 0; pos <= text.length; line++) {
    let end = pos;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const depth = lineDepth(text, pos, end, lists);
    if (depth > deepest.depth) deepest = { depth, line };
    if (end >= text.length) break;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return deepest;
}

/** Quotes and list markers at the start of one line; `lists` holds open items' content columns. */
function lineDepth(text: string, start: number, end: number, lists: number[]): number {
  let quotes = 0;
  let col = 0;
  let first = true;
  let i = start;
  for (;;) {
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) { col += text.charCodeAt(i) === 9 ? 4 - (col % 4) : 1; i++; }
    if (i >= end) return quotes + lists.length; // a blank line closes nothing we track
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) { quotes++; i++; col++; continue; }
    const marker = listMarkerLength(text, i, end);
    if (!marker) break;
    if (first) { while (lists.length && lists[lists.length - 1] > col) lists.pop(); first = false; }
    i += marker; col += marker;
    lists.push(col + 1);
  }
  if (first) while (lists.length && lists[lists.length - 1] > col) lists.pop();
  return quotes + lists.length;
}

/** Length of a list marker (`-`, `*`, `+`, `1.`, `1)`) at `i` when a space, tab or line end follows. */
function listMarkerLength(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  let n = 0;
  if (c === 45 || c === 42 || c === 43) n = 1;
  else {
    while (n < 9 && i + n < end && text.charCodeAt(i + n) >= 48 && text.charCodeAt(i + n) <= 57) n++;
    if (!n || (text.charCodeAt(i + n) !== 46 && text.charCodeAt(i + n) !== 41)) return 0;
    n++;
  }
  const after = i + n;
  return after >= end || text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9 ? n : 0;
}

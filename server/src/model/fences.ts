// mdast has no "unclosed" flag on code nodes, so we read it back from the source: a fenced block
// is closed when its last line is a fence of the same character, at least as long as the opener.

const openerRe = /^[ \t]*(`{3,}|~{3,})/;

export function fenceOf(text: string, start: number): { char: '`' | '~'; length: number } | undefined {
  const m = openerRe.exec(text.slice(start, start + 200));
  if (!m) return undefined;
  return { char: m[1][0] as '`' | '~', length: m[1].length };
}

export function isFenceClosed(text: string, start: number, end: number): boolean {
  const fence = fenceOf(text, start);
  if (!fence) return true;
  const firstLineEnd = text.indexOf('\n', start);
  // A block whose node ends on its opening line has no closing fence.
  if (firstLineEnd === -1 || end <= firstLineEnd) return false;
  const lastLineStart = text.lastIndexOf('\n', end - 1) + 1;
  const lastLine = text.slice(lastLineStart, end);
  // Container prefixes (`> `, list indentation) may precede the closing fence.
  const m = /^[ \t>]*(`{3,}|~{3,})[ \t]*\r?$/.exec(lastLine);
  return !!m && m[1][0] === fence.char && m[1].length >= fence.length;
}

// Where a code block's body lines start. A body line ends at `\n` or at a lone CR: micromark and
// LSP both count a lone CR as a line break, so CodeBlock.bodyLineStarts has one entry per such
// line (chunkLayout.ts), and every mapping from body offsets to the document must cut the same way.
export const BODY_LINE_BREAK = /\n|\r(?!\n)/;

/** Offsets into `body` where each line starts (the first is 0). */
export function bodyLineOffsets(body: string): number[] {
  const offsets = [0];
  for (const m of body.matchAll(/\n|\r(?!\n)/g)) offsets.push(m.index! + 1);
  return offsets;
}

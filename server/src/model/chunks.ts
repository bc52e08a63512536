// Splitting a document into independently parsable chunks.
//
// micromark's cost grows superlinearly with document size (see NOTES.md: the edit map copies its
// whole event array whenever a list item closes), so we never parse a big runbook as one unit.
// A line starting with an ATX heading at column 0 interrupts every container that could be open
// (paragraph, list, quote, table) except two: a top-level fenced code block that is still open,
// and an HTML block. We therefore cut before every such heading, and `build.ts` glues a chunk to
// its successor whenever the chunk's parse ends inside one of those two. That makes the chunked
// model identical to a whole-document parse without having to re-implement CommonMark here.

import { frontMatterEnd } from './frontMatter';

export interface Chunk {
  /** Document offset of the chunk's first character. */
  start: number;
  text: string;
}

const headingLine = /^#{1,6}(?:[ \t]|$)/;

/** Offsets of lines that may start a new chunk (always including 0). */
export function candidateStarts(text: string): number[] {
  const starts = [0];
  // A `# comment` line inside YAML front matter is not a heading.
  let pos = Math.max(0, frontMatterEnd(text) - 1);
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineStart = nl === -1 ? text.length : nl + 1;
    if (lineStart >= text.length) break;
    if (text.charCodeAt(lineStart) === 35 /* # */ && headingLine.test(text.slice(lineStart, lineStart + 8))) {
      starts.push(lineStart);
    }
    pos = lineStart;
  }
  return starts;
}

export function cutChunks(text: string, starts: number[]): Chunk[] {
  return starts.map((s, i) => ({ start: s, text: text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length) }));
}

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
const fenceOpen = /^ {0,3}(`{3,}|~{3,})([^\n]*)/;
const fenceClose = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/;

/**
 * Chunks smaller than this are not worth their fixed parse cost (remark builds its compiler per
 * parse: 1,400 chunks of 1 KB cost 15% more CPU than 400 of 4 KB); past MAX we cut at the next
 * heading whatever happens. Between the two, a heading is a cut when a hash of its own text says
 * so: the cut points then depend on content, not on offsets, so an edit in one chunk leaves the
 * cuts (and cache hits) of every later chunk where they were.
 */
const MIN_CHUNK = 4096;
const MAX_CHUNK = 32 * 1024;

/**
 * A document with no headings (a long log, one huge section) is cut at blank lines instead: a
 * blank line followed by a line starting at column 0 with no list or quote marker closes every
 * container CommonMark has but an open fence or HTML block, which build.ts glues back as at
 * headings (digits and `[` stay clear of ordered lists and multi-line link definitions; it is the
 * rule build.ts refines edited chunks with). Such a line is a cut, by the same content hash as a
 * heading, only while no heading has been seen since the last cut, so a runbook with headings
 * keeps its heading-sized chunks; past MAX_CHUNK any such line is a cut.
 */
const blankCutStart = /^[^\s\->+*0-9[]/;

function lineHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Offsets of the lines where chunks start (always including 0). */
export function candidateStarts(text: string): number[] {
  const starts = [0];
  // A `# comment` line inside YAML front matter is not a heading.
  let lineStart = Math.max(0, frontMatterEnd(text));
  if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart = text.indexOf('\n', lineStart) + 1 || text.length;
  let lastCut = 0;
  // A cheap fence tracker skips `# comments` inside code blocks. It needs no CommonMark precision:
  // a cut inside a real fence is detected after parsing and glued back (build.ts), and a missed
  // cut only makes a chunk larger.
  let fence: { char: number; len: number } | undefined;
  let headingSinceCut = false;
  let afterBlank = false;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const c = text.charCodeAt(lineStart);
    const blank = !fence && isBlank(text, lineStart, lineEnd);
    if (afterBlank && !fence && blankCutStart.test(text.slice(lineStart, lineStart + 1)) && !(c === 35 && headingLine.test(text.slice(lineStart, lineStart + 8)))) {
      const size = lineStart - lastCut;
      if (size >= MAX_CHUNK || (!headingSinceCut && size >= MIN_CHUNK && lineHash(text, lineStart, lineEnd) % 4 === 0)) {
        starts.push(lineStart);
        lastCut = lineStart;
        headingSinceCut = false;
      }
    }
    afterBlank = blank;
    if (c === 32 || c === 96 || c === 126) {
      const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 200));
      if (fence) {
        const m = fenceClose.exec(line);
        if (m && m[1].charCodeAt(0) === fence.char && m[1].length >= fence.len) fence = undefined;
      } else {
        const m = fenceOpen.exec(line);
        if (m && !(m[1][0] === '`' && m[2].includes('`'))) fence = { char: m[1].charCodeAt(0), len: m[1].length };
      }
    } else if (!fence && c === 35 /* # */ && headingLine.test(text.slice(lineStart, lineStart + 8))) {
      headingSinceCut = true;
      const size = lineStart - lastCut;
      if (size >= MAX_CHUNK || (size >= MIN_CHUNK && lineHash(text, lineStart, lineEnd) % 4 === 0)) {
        starts.push(lineStart);
        lastCut = lineStart;
      }
    }
    lineStart = lineEnd + 1;
  }
  return starts;
}

/** Only spaces and tabs (and a CR before the LF). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 9 && ch !== 13) return false;
  }
  return true;
}

export function cutChunks(text: string, starts: number[]): Chunk[] {
  return starts.map((s, i) => ({ start: s, text: text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length) }));
}

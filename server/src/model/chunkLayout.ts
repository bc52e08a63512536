// A chunk's facts turned into model pieces in chunk-relative coordinates, once per chunk content.
// Chunks start at the beginning of a line, so placing a piece in the document only adds the
// chunk's first line to every line number and its offset to every offset: a keystroke no longer
// re-derives positions (or re-slices strings) for the thousands of blocks it did not touch.
import { BODY_LINE_BREAK } from './bodyLines';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeBlock, FrontMatter, Paragraph, Position, Range } from './types';
import type { ChunkFacts, CodeFact } from './parseChunk';
import { fenceOf } from './fences';
import { normaliseLang, infoWord } from './languages';

/** A code block without the fields that depend on the rest of the document. */
export type LocalBlock = Omit<CodeBlock, 'index' | 'sectionPath' | 'expectedOutput' | 'expectedOutputOf'> & { start: number };

export interface ChunkLayout {
  /** Position of the chunk's end, relative to its start: `line` is the number of line breaks. */
  end: Position;
  /** Offsets of the chunk's line starts (for the rare lookups by line). */
  lineStarts: number[];
  headings: { depth: number; title: string; start: number; range: Range }[];
  blocks: LocalBlock[];
  inlines: { start: number; textStart: number; text: string; range: Range }[];
  paragraphs: Paragraph[];
  frontMatter?: FrontMatter;
}

const layouts = new WeakMap<ChunkFacts, ChunkLayout>();

export function chunkLayout(facts: ChunkFacts, text: string): ChunkLayout {
  let layout = layouts.get(facts);
  if (!layout) layouts.set(facts, layout = computeLayout(facts, text));
  return layout;
}

function computeLayout(facts: ChunkFacts, text: string): ChunkLayout {
  const doc = TextDocument.create('chunk:', 'markdown', 0, text);
  const at = (offset: number) => doc.positionAt(offset);
  const range = (s: number, e: number): Range => ({ start: at(s), end: at(e) });
  const lineStarts: number[] = [];
  for (let l = 0; l < doc.lineCount; l++) lineStarts.push(doc.offsetAt({ line: l, character: 0 }));
  const layout: ChunkLayout = {
    end: at(text.length), lineStarts,
    headings: facts.headings.map(h => ({ depth: h.depth, title: h.title, start: h.start, range: range(h.start, h.end) })),
    blocks: facts.codes.map(c => toBlock(c, text, doc, range)),
    inlines: facts.inlineCodes.map(ic => toInline(ic, text, range)),
    paragraphs: facts.paragraphs.map(p => ({ text: text.slice(p.start, p.end), range: range(p.start, p.end), offset: p.start, inList: p.inList })),
  };
  if (facts.frontMatter) {
    const f = facts.frontMatter;
    layout.frontMatter = { kind: f.kind, value: f.value, range: range(f.start, f.end) };
  }
  return layout;
}

/** End of the line holding `offset`, before its break: LF, CRLF or a lone CR (CommonMark and LSP both end lines there). */
function lineEndOf(text: string, offset: number): number {
  let e = offset;
  while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return e;
}

function toBlock(c: CodeFact, text: string, doc: TextDocument, range: (s: number, e: number) => Range): LocalBlock {
  const { start, end } = c;
  const startPos = doc.positionAt(start);
  const fenced = c.kind === 'fenced';
  const firstBodyLine = fenced ? startPos.line + 1 : startPos.line;
  // An unclosed fence ends wherever its container ends, and micromark is inconsistent about
  // whether trailing blank lines and the final line break belong to it. We define the body as
  // ending at its last non-blank line, which is the same answer for chunked and whole parses.
  const value = c.closed ? c.value : c.value.replace(/(\r?\n[ \t]*)+$/, '').replace(/^[ \t]*$/, '');
  const lines = value === '' ? [] : value.split(BODY_LINE_BREAK);
  const bodyLineStarts = lines.map((l, i) => bodyLineStart(text, doc, firstBodyLine + i, l.replace(/\r$/, '')));
  const bodyStart = bodyLineStarts.length ? bodyLineStarts[0] : Math.min(doc.offsetAt({ line: firstBodyLine, character: 0 }), end);
  const bodyEnd = bodyLineStarts.length ? bodyLineStarts[bodyLineStarts.length - 1] + lines[lines.length - 1].replace(/\r$/, '').length : bodyStart;
  const block: LocalBlock = {
    start, kind: c.kind, info: c.info.trim(), rawLang: infoWord(c.info), lang: normaliseLang(c.info),
    range: range(start, c.closed ? end : Math.max(bodyEnd, lineEndOf(text, start))), bodyRange: range(bodyStart, bodyEnd), body: value, bodyLineStarts,
    closed: c.closed, nested: c.nested,
  };
  if (fenced) {
    block.fence = fenceOf(text, start);
    const lineEnd = doc.offsetAt({ line: startPos.line + 1, character: 0 });
    const line = text.slice(start, lineEnd).replace(/\r?\n$|\r$/, '');
    const afterFence = start + (block.fence?.length ?? 3);
    const rest = line.slice(block.fence?.length ?? 3);
    const lead = rest.length - rest.trimStart().length;
    const infoStart = afterFence + lead;
    block.infoRange = range(infoStart, infoStart + rest.trim().length);
  }
  return block;
}

/**
 * Where a body line starts in the document. mdast strips container prefixes and fence
 * indentation, so the body line is (almost always) a suffix of the document line.
 */
function bodyLineStart(text: string, doc: TextDocument, line: number, bodyLine: string): number {
  const ls = doc.offsetAt({ line, character: 0 });
  const le = lineEndOf(text, ls);
  const docLine = text.slice(ls, le);
  if (docLine.endsWith(bodyLine)) return le - bodyLine.length;
  // A tab partly expanded into spaces by the parser makes the body line longer than the text it
  // came from, but the ends still match (the extra is leading whitespace), so align the ends.
  return Math.max(ls, le - bodyLine.length);
}

function toInline(ic: { start: number; end: number; value: string }, text: string, range: (s: number, e: number) => Range): ChunkLayout['inlines'][number] {
  let ticks = 0;
  while (text.charCodeAt(ic.start + ticks) === 96) ticks++;
  let s = ic.start + ticks;
  let e = ic.end - ticks;
  const inner = text.slice(s, e);
  // CommonMark strips one space on each side when both are present and the span isn't all spaces.
  if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '') { s++; e--; }
  return { start: ic.start, textStart: s, text: ic.value, range: range(s, e) };
}

// Text → RunbookModel. Chunks are parsed (or fetched from the cache) independently and laid out in
// chunk-relative positions once per content (chunkLayout.ts); here they are only shifted into place.
import type { CodeBlock, Paragraph, Position, RunbookModel, Section, Range } from './types';
import { candidateStarts } from './chunks';
import { cachedFacts, chunkFacts } from './chunkCache';
import { parseChunk } from './parseChunk';
import { frontMatterEnd } from './frontMatter';
import type { ChunkFacts } from './parseChunk';
import { chunkLayout, type ChunkLayout } from './chunkLayout';
import { linkExpectedOutputs } from './expectedOutput';
import { findFenceEnd } from './fenceScan';

/**
 * The chunk-layout piece each placed block came from. Two blocks placed from the same piece at
 * the same line are the same block, so results mapped onto one can be reused for the other.
 */
const placedFrom = new WeakMap<CodeBlock, object>();
export function blockOrigin(block: CodeBlock): object | undefined { return placedFrom.get(block); }

export interface BuildOptions {
  /** false parses the whole document as one unit (the reference the chunked parse must equal). */
  chunked?: boolean;
}

interface Placed { base: number; facts: ChunkFacts }

export function parseChunks(text: string, chunked = true): Placed[] {
  return placeChunks(text, chunked ? candidateStarts(text) : [0], true, chunked);
}

/**
 * Parses (or fetches) the chunks cut at `starts`, glueing a chunk to its successors while it ends
 * inside an open fence or HTML block. With `refine`, a chunk that misses the cache while its
 * neighbours hit (an edit, not a cold open) is parsed in smaller pieces, cut at blank lines, each
 * cached on its own: the next keystroke in that section re-parses one paragraph or block, not
 * the whole section. A cold open keeps the section-sized chunks, which parse faster in total.
 */
function placeChunks(text: string, starts: number[], docStart: boolean, refine: boolean): Placed[] {
  const placed: Placed[] = [];
  const slice = (k: number, end: number) => text.slice(starts[k], end);
  let prevHit = false;
  let i = 0;
  while (i < starts.length) {
    let j = i + 1;
    for (;;) {
      const end = j < starts.length ? starts[j] : text.length;
      const chunk = slice(i, end);
      const allowFrontMatter = docStart && starts[i] === 0;
      const hit = cachedFacts(chunk, allowFrontMatter);
      const warm = refine && !hit && (prevHit || (j < starts.length && !!cachedFacts(slice(j, j + 1 < starts.length ? starts[j + 1] : text.length), false)));
      const facts = hit ?? chunkFacts(chunk, allowFrontMatter, warm ? refinedFacts : undefined);
      prevHit = !!hit;
      if (!facts.openAtEnd || j >= starts.length) { placed.push({ base: starts[i], facts }); break; }
      // The chunk ends inside an open fence (or HTML block): glue on the following chunks. For a
      // fence we jump straight past its likely closing line so that one long block costs one
      // re-parse, not one per heading inside it; if the guess is wrong the loop simply continues.
      const open = facts.codes[facts.codes.length - 1];
      const closeAt = open && !open.closed ? findFenceEnd(text, starts[i] + open.start) : -1;
      let next = j + 1;
      if (closeAt > 0) { while (next < starts.length && starts[next] <= closeAt) next++; }
      j = Math.min(next, starts.length);
    }
    i = j;
  }
  return placed;
}

/**
 * A blank line followed by a line that starts at column 0 with no list or quote marker closes
 * every container CommonMark has, except a fence or an HTML block still open, which the glueing
 * above handles exactly as at headings. Digits and `[` are excluded too, to stay clear of ordered
 * lists and multi-line link reference definitions.
 */
const pieceStart = /\n[ \t]*\r?\n(?=[^\s\->+*0-9[])/g;

function refinedFacts(text: string, allowFrontMatter: boolean): ChunkFacts {
  const starts = [0];
  pieceStart.lastIndex = allowFrontMatter ? Math.max(0, frontMatterEnd(text)) : 0;
  for (let m = pieceStart.exec(text); m; m = pieceStart.exec(text)) starts.push(m.index + m[0].length);
  if (starts.length < 2) return parseChunk(text, allowFrontMatter);
  const merged: ChunkFacts = { headings: [], codes: [], inlineCodes: [], paragraphs: [], openAtEnd: false };
  const pieces = placeChunks(text, starts, allowFrontMatter, false);
  for (const { base, facts } of pieces) {
    for (const h of facts.headings) merged.headings.push({ ...h, start: h.start + base, end: h.end + base });
    for (const c of facts.codes) merged.codes.push({ ...c, start: c.start + base, end: c.end + base });
    for (const c of facts.inlineCodes) merged.inlineCodes.push({ ...c, start: c.start + base, end: c.end + base });
    for (const p of facts.paragraphs) merged.paragraphs.push({ ...p, start: p.start + base, end: p.end + base });
    if (facts.frontMatter) merged.frontMatter = { ...facts.frontMatter, start: facts.frontMatter.start + base, end: facts.frontMatter.end + base };
  }
  merged.openAtEnd = pieces[pieces.length - 1].facts.openAtEnd;
  return merged;
}

/** A model with nothing in it: for files that are not analysed (too large, binary, not Markdown). */
export function emptyModel(uri: string, version: number): RunbookModel {
  return { uri, version, sections: [], blocks: [], inlineCodes: [], paragraphs: [] };
}

export function buildModel(text: string, uri = 'file:///untitled.md', version = 0, options: BuildOptions = {}): RunbookModel {
  const model = emptyModel(uri, version);
  const placed = parseChunks(text, options.chunked !== false);
  const layouts: { base: number; line: number; layout: ChunkLayout }[] = [];
  let line = 0;
  for (let i = 0; i < placed.length; i++) {
    const { base, facts } = placed[i];
    const end = i + 1 < placed.length ? placed[i + 1].base : text.length;
    const layout = chunkLayout(facts, text.slice(base, end));
    layouts.push({ base, line, layout });
    line += layout.end.line;
  }
  const last = layouts[layouts.length - 1];
  const docEnd: Position = { line: last.line + last.layout.end.line, character: last.layout.end.character };

  // Sections: a stack of open headings gives each one its path; a heading's range ends where
  // the next heading of the same or a higher level begins.
  const open: Section[] = [];
  const headingStarts: number[] = [];
  for (const { base, line: dl, layout } of layouts) {
    for (const h of layout.headings) {
      const headingRange = shiftRange(h.range, dl);
      while (open.length && open[open.length - 1].depth >= h.depth) open.pop()!.range.end = { ...headingRange.start };
      const section: Section = { title: h.title, depth: h.depth, path: [...open.map(s => s.title), h.title], headingRange, range: { start: { ...headingRange.start }, end: { ...docEnd } } };
      open.push(section);
      model.sections.push(section);
      headingStarts.push(h.start + base);
    }
  }
  const pathAt = (offset: number): string[] => {
    const k = lastAtOrBefore(headingStarts, offset);
    return k < 0 ? [] : model.sections[k].path;
  };

  for (const { base, line: dl, layout } of layouts) {
    for (const b of layout.blocks) {
      // Explicit fields, not a spread: this runs for every block on every keystroke.
      const block: CodeBlock = {
        index: model.blocks.length, kind: b.kind, info: b.info, rawLang: b.rawLang, lang: b.lang,
        range: shiftRange(b.range, dl), bodyRange: shiftRange(b.bodyRange, dl), body: b.body,
        bodyLineStarts: base ? b.bodyLineStarts.map(o => o + base) : b.bodyLineStarts.slice(),
        closed: b.closed, sectionPath: pathAt(b.start + base), nested: b.nested,
      };
      if (b.fence) block.fence = { char: b.fence.char, length: b.fence.length };
      if (b.infoRange) block.infoRange = shiftRange(b.infoRange, dl);
      placedFrom.set(block, b);
      model.blocks.push(block);
    }
    for (const ic of layout.inlines) model.inlineCodes.push({ text: ic.text, range: shiftRange(ic.range, dl), offset: ic.textStart + base, sectionPath: pathAt(ic.start + base) });
    for (const p of layout.paragraphs) model.paragraphs.push({ text: p.text, range: shiftRange(p.range, dl), offset: p.offset + base, inList: p.inList } satisfies Paragraph);
    if (layout.frontMatter) model.frontMatter = { ...layout.frontMatter, range: shiftRange(layout.frontMatter.range, dl) };
  }
  linkExpectedOutputs(model.blocks, text, { offsetAt: (p: Position) => offsetOfLine(layouts, p.line, text.length) });
  return model;
}

function shiftRange(r: Range, dl: number): Range {
  return { start: { line: r.start.line + dl, character: r.start.character }, end: { line: r.end.line + dl, character: r.end.character } };
}

/** Document offset of a line start, through the chunk that holds the line. */
function offsetOfLine(layouts: { base: number; line: number; layout: ChunkLayout }[], line: number, length: number): number {
  let lo = 0, hi = layouts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layouts[mid].line <= line) lo = mid; else hi = mid - 1;
  }
  const { base, line: first, layout } = layouts[lo];
  const k = line - first;
  return k < layout.lineStarts.length ? base + layout.lineStarts[k] : length;
}

/** Index of the last element <= value in a sorted array, or -1. */
function lastAtOrBefore(sorted: number[], value: number): number {
  let lo = 0, hi = sorted.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

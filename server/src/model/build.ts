// Text → RunbookModel. Chunks are parsed (or fetched from the cache) independently, then their
// facts are shifted to document offsets and turned into LSP ranges in one pass.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeBlock, InlineCode, Paragraph, RunbookModel, Section, Range } from './types';
import { candidateStarts } from './chunks';
import { chunkFacts } from './chunkCache';
import type { ChunkFacts, CodeFact } from './parseChunk';
import { fenceOf } from './fences';
import { normaliseLang, infoWord } from './languages';
import { linkExpectedOutputs } from './expectedOutput';
import { findFenceEnd } from './fenceScan';

export interface BuildOptions {
  /** false parses the whole document as one unit (the reference the chunked parse must equal). */
  chunked?: boolean;
}

interface Placed { base: number; facts: ChunkFacts }

export function parseChunks(text: string, chunked = true): Placed[] {
  const starts = chunked ? candidateStarts(text) : [0];
  const placed: Placed[] = [];
  let i = 0;
  while (i < starts.length) {
    let j = i + 1;
    for (;;) {
      const end = j < starts.length ? starts[j] : text.length;
      const facts = chunkFacts(text.slice(starts[i], end), starts[i] === 0);
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

export function buildModel(text: string, uri = 'file:///untitled.md', version = 0, options: BuildOptions = {}): RunbookModel {
  const doc = TextDocument.create(uri, 'markdown', version, text);
  const at = (offset: number) => doc.positionAt(offset);
  const range = (s: number, e: number): Range => ({ start: at(s), end: at(e) });
  const model: RunbookModel = { uri, version, sections: [], blocks: [], inlineCodes: [], paragraphs: [] };
  const headings: { depth: number; title: string; start: number; end: number }[] = [];
  const codes: (CodeFact & { base: number })[] = [];
  const inlines: { start: number; end: number; value: string }[] = [];
  for (const { base, facts } of parseChunks(text, options.chunked !== false)) {
    for (const h of facts.headings) headings.push({ ...h, start: h.start + base, end: h.end + base });
    for (const c of facts.codes) codes.push({ ...c, base });
    for (const ic of facts.inlineCodes) inlines.push({ start: ic.start + base, end: ic.end + base, value: ic.value });
    for (const p of facts.paragraphs) {
      const s = p.start + base;
      model.paragraphs.push({ text: text.slice(s, p.end + base), range: range(s, p.end + base), offset: s, inList: p.inList } satisfies Paragraph);
    }
    if (facts.frontMatter) {
      const f = facts.frontMatter;
      model.frontMatter = { kind: f.kind, value: f.value, range: range(f.start + base, f.end + base) };
    }
  }

  // Sections: a stack of open headings gives each one its path; a heading's range ends where
  // the next heading of the same or a higher level begins.
  const open: Section[] = [];
  for (const h of headings) {
    while (open.length && open[open.length - 1].depth >= h.depth) open.pop()!.range.end = at(h.start);
    const section: Section = { title: h.title, depth: h.depth, path: [...open.map(s => s.title), h.title], headingRange: range(h.start, h.end), range: range(h.start, text.length) };
    open.push(section);
    model.sections.push(section);
  }
  const headingStarts = headings.map(h => h.start);
  const pathAt = (offset: number): string[] => {
    const k = lastAtOrBefore(headingStarts, offset);
    return k < 0 ? [] : model.sections[k].path;
  };

  codes.forEach((c, index) => model.blocks.push(toBlock(c, index, text, doc, range, pathAt(c.start + c.base))));
  for (const ic of inlines) model.inlineCodes.push(toInline(ic, text, range, pathAt(ic.start)));
  linkExpectedOutputs(model.blocks, text, doc);
  return model;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const e = nl === -1 ? text.length : nl;
  return e > offset && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
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

function toBlock(c: CodeFact & { base: number }, index: number, text: string, doc: TextDocument, range: (s: number, e: number) => Range, sectionPath: string[]): CodeBlock {
  const start = c.start + c.base;
  const end = c.end + c.base;
  const startPos = doc.positionAt(start);
  const fenced = c.kind === 'fenced';
  const firstBodyLine = fenced ? startPos.line + 1 : startPos.line;
  // An unclosed fence ends wherever its container ends, and micromark is inconsistent about
  // whether trailing blank lines and the final line break belong to it. We define the body as
  // ending at its last non-blank line, which is the same answer for chunked and whole parses.
  const value = c.closed ? c.value : c.value.replace(/(\r?\n[ \t]*)+$/, '').replace(/^[ \t]*$/, '');
  const lines = value === '' ? [] : value.split('\n');
  const bodyLineStarts = lines.map((l, i) => bodyLineStart(text, doc, firstBodyLine + i, l.replace(/\r$/, '')));
  const bodyStart = bodyLineStarts.length ? bodyLineStarts[0] : Math.min(doc.offsetAt({ line: firstBodyLine, character: 0 }), end);
  const bodyEnd = bodyLineStarts.length ? bodyLineStarts[bodyLineStarts.length - 1] + lines[lines.length - 1].replace(/\r$/, '').length : bodyStart;
  const block: CodeBlock = {
    index, kind: c.kind, info: c.info.trim(), rawLang: infoWord(c.info), lang: normaliseLang(c.info),
    range: range(start, c.closed ? end : Math.max(bodyEnd, lineEndOf(text, start))), bodyRange: range(bodyStart, bodyEnd), body: value, bodyLineStarts,
    closed: c.closed, sectionPath, nested: c.nested,
  };
  if (fenced) {
    block.fence = fenceOf(text, start);
    const lineEnd = doc.offsetAt({ line: startPos.line + 1, character: 0 });
    const line = text.slice(start, lineEnd).replace(/\r?\n$/, '');
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
  let le = text.indexOf('\n', ls);
  if (le === -1) le = text.length;
  if (le > ls && text.charCodeAt(le - 1) === 13) le--;
  const docLine = text.slice(ls, le);
  if (docLine.endsWith(bodyLine)) return le - bodyLine.length;
  // Tabs partly expanded into spaces by the parser: fall back to the first non-blank column.
  return ls + Math.max(0, docLine.length - docLine.trimStart().length);
}

function toInline(ic: { start: number; end: number; value: string }, text: string, range: (s: number, e: number) => Range, sectionPath: string[]): InlineCode {
  let ticks = 0;
  while (text.charCodeAt(ic.start + ticks) === 96) ticks++;
  let s = ic.start + ticks;
  let e = ic.end - ticks;
  const inner = text.slice(s, e);
  // CommonMark strips one space on each side when both are present and the span isn't all spaces.
  if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '') { s++; e--; }
  return { text: ic.value, range: range(s, e), sectionPath };
}

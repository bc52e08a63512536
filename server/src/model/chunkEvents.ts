// Chunk facts read straight off micromark's events. remark builds a whole mdast tree first, and
// that tree (plus walking it) is about half of a cold parse, while the model needs only headings,
// code blocks, inline code, paragraphs and whether a container is open at the end. The values are
// taken exactly as mdast-util-from-markdown takes them (the same tokens, the same sliceSerialize).
// Anything whose value needs more than that (a heading with emphasis, links or escapes; an info
// string with escapes; front matter) returns undefined, and parseChunk uses the mdast path.
import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import type { Event, Token } from 'micromark-util-types';
import type { ChunkFacts } from './parseChunk';
import { isFenceClosed } from './fences';

// Must match the remark-gfm options parseChunk uses (single-tilde strikethrough off).
const gfmExtensions = [gfm({ singleTilde: false })];

/**
 * The flow constructs that become mdast nodes (`content` holds paragraphs and definitions): the
 * last one at the top level decides openAtEnd.
 */
const NODES = new Set(['content', 'paragraph', 'atxHeading', 'setextHeading', 'codeFenced', 'codeIndented', 'htmlFlow', 'thematicBreak',
  'blockQuote', 'listOrdered', 'listUnordered', 'definition', 'table', 'gfmFootnoteDefinition']);
/** Tokens a heading title may hold for the title to be their plain concatenation. */
const PLAIN_TITLE = new Set(['data', 'codeText', 'codeTextSequence', 'codeTextData', 'codeTextPadding', 'lineEnding']);

export function factsFromEvents(text: string, withGfm: boolean): ChunkFacts | undefined {
  const events: Event[] = postprocess(parse({ extensions: withGfm ? gfmExtensions : [] }).document().write(preprocess()(text, undefined, true)));
  const facts: ChunkFacts = { headings: [], codes: [], inlineCodes: [], paragraphs: [], openAtEnd: false };
  const slice = (i: number) => events[i][2].sliceSerialize(events[i][1]);
  let depth = 0, lists = 0, quotes = 0, tables = 0;
  let last: Token | undefined;
  for (let i = 0; i < events.length; i++) {
    const [kind, token] = events[i];
    const type = token.type as string;
    if (kind === 'exit') {
      depth--;
      if (type === 'listOrdered' || type === 'listUnordered') lists--;
      else if (type === 'blockQuote') quotes--;
      else if (type === 'table') tables--;
      continue;
    }
    if (depth === 0 && NODES.has(type)) last = token;
    depth++;
    const start = token.start.offset, end = token.end.offset;
    switch (type) {
      case 'listOrdered': case 'listUnordered': lists++; break;
      case 'blockQuote': quotes++; break;
      case 'table': tables++; break;
      case 'paragraph': facts.paragraphs.push({ start, end, inList: lists > 0 }); break;
      case 'codeText': {
        const value = codeTextValue(events, i, slice);
        // In a table cell `\|` is an escaped pipe, also in code (as mdast-util-gfm-table reads it).
        facts.inlineCodes.push({ start, end, value: tables ? value.replace(/\\([\\|])/g, (m, c: string) => (c === '|' ? c : m)) : value });
        break;
      }
      case 'atxHeading': case 'setextHeading': {
        const heading = headingFacts(events, i, slice);
        if (!heading) return undefined;
        facts.headings.push({ ...heading, start, end });
        break;
      }
      case 'codeFenced': case 'codeIndented': {
        const code = codeFacts(events, i, slice);
        if (!code) return undefined;
        // As the mdast path decides it: a fenced node's position starts at the fence itself.
        const fenced = type === 'codeFenced' && /^(`{3,}|~{3,})/.test(text.slice(start, start + 3));
        facts.codes.push({ kind: fenced ? 'fenced' : 'indented', start, end, info: fenced ? code.info : '', value: code.value, nested: lists + quotes > 0, closed: fenced ? isFenceClosed(text, start, end) : true });
        break;
      }
      // Front matter, and gfm task items and footnotes, which move a paragraph's start in mdast.
      case 'frontmatter': case 'yaml': case 'toml': case 'taskListCheck': return undefined;
      default: if (type.startsWith('gfmFootnote')) return undefined;
    }
  }
  if (last?.type === 'codeFenced') {
    const fact = facts.codes.find(c => c.start === last!.start.offset);
    facts.openAtEnd = !!fact && fact.kind === 'fenced' && !fact.closed;
  } else if (last?.type === 'htmlFlow') {
    // An HTML block runs until a blank line or its end marker: one more line would join it.
    facts.openAtEnd = /^(\r?\n)?$/.test(text.slice(last.end.offset));
  }
  return facts;
}

type Slice = (i: number) => string;

/** Index of the exit event matching the enter event at `i`. */
function exitOf(events: Event[], i: number): number {
  let d = 0;
  for (let j = i; j < events.length; j++) {
    d += events[j][0] === 'enter' ? 1 : -1;
    if (d === 0) return j;
  }
  return events.length - 1;
}

function codeTextValue(events: Event[], i: number, slice: Slice): string {
  let value = '';
  for (let j = i + 1, end = exitOf(events, i); j < end; j++) {
    if (events[j][0] !== 'exit') continue;
    const t = events[j][1].type as string;
    if (t === 'codeTextData' || t === 'lineEnding') value += slice(j);
  }
  return value;
}

function headingFacts(events: Event[], i: number, slice: Slice): { depth: number; title: string } | undefined {
  let depth = 0, title = '', inText = false;
  for (let j = i + 1, end = exitOf(events, i); j < end; j++) {
    const [kind, token] = events[j];
    const t = token.type as string;
    if (t === 'atxHeadingText' || t === 'setextHeadingText') { inText = kind === 'enter'; continue; }
    if (kind === 'enter') {
      if (t === 'atxHeadingSequence' && !depth) depth = slice(j).length;
      else if (t === 'setextHeadingLineSequence') depth = slice(j).charCodeAt(0) === 61 /* = */ ? 1 : 2;
      else if (inText && !PLAIN_TITLE.has(t)) return undefined;
      continue;
    }
    if (inText && (t === 'data' || t === 'codeTextData' || t === 'lineEnding')) title += slice(j);
  }
  // Setext titles span lines, where the mdast path's whitespace handling is subtler: leave them to it.
  if (/[\r\n]/.test(title)) return undefined;
  return { depth, title };
}

function codeFacts(events: Event[], i: number, slice: Slice): { info: string; value: string } | undefined {
  const fenced = events[i][1].type === 'codeFenced';
  let lang = '', meta = '', value = '', fences = 0, where: 'info' | 'meta' | undefined;
  for (let j = i + 1, end = exitOf(events, i); j < end; j++) {
    const [kind, token] = events[j];
    const t = token.type as string;
    if (t === 'codeFencedFenceInfo' || t === 'codeFencedFenceMeta') { where = kind === 'enter' ? (t === 'codeFencedFenceInfo' ? 'info' : 'meta') : undefined; continue; }
    if (where) {
      // Escapes and character references in an info string are decoded by the mdast path.
      if (kind === 'enter' && t !== 'data') return undefined;
      if (kind === 'exit') { if (where === 'info') lang += slice(j); else meta += slice(j); }
      continue;
    }
    if (kind === 'exit' && t === 'codeFencedFence') { fences++; continue; }
    // The body: everything after the opening fence (mdast-util-from-markdown buffers from there).
    if (kind === 'exit' && (!fenced || fences === 1) && (t === 'codeFlowValue' || t === 'lineEnding')) value += slice(j);
  }
  value = fenced ? value.replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '') : value.replace(/(\r?\n|\r)$/g, '');
  return { info: [lang, meta].filter(Boolean).join(' '), value };
}

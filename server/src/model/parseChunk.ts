// One chunk through remark, reduced to the plain facts the model needs, in chunk-relative offsets.
// Facts (not mdast) are what we cache: they are small, and they don't pin whole trees in memory.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import type { Root, Nodes } from 'mdast';
import { isFenceClosed } from './fences';
import { frontMatterEnd } from './frontMatter';
import { tooDeep } from './nesting';
import { factsFromEvents } from './chunkEvents';
import { defuseBacktickRuns } from './backtickRuns';

export interface CodeFact {
  kind: 'fenced' | 'indented';
  start: number;
  end: number;
  info: string;
  value: string;
  nested: boolean;
  closed: boolean;
}

export interface ChunkFacts {
  headings: { depth: number; title: string; start: number; end: number }[];
  codes: CodeFact[];
  inlineCodes: { start: number; end: number; value: string }[];
  paragraphs: { start: number; end: number; inList: boolean }[];
  frontMatter?: { kind: 'yaml' | 'toml'; value: string; start: number; end: number };
  /** The chunk ends inside a construct that would swallow a following heading line. */
  openAtEnd: boolean;
}

// gfm is loaded for tables and task lists: without it, a `|` table row holding inline code parses
// differently, and inline code ranges would disagree with what the user sees rendered.
// Single-tilde strikethrough is off: runbook prose is full of PromQL regex matchers (`job=~"a"`,
// `!~`), which it would pair up and strip from heading titles, and its pairing is not stable
// under chunking (found by fuzzing). `~~double~~` still works.
const gfm = { singleTilde: false };
const processor = unified().use(remarkParse).use(remarkGfm, gfm).use(remarkFrontmatter, ['yaml', 'toml']);
// Front matter is only enabled when it is closed (see frontMatter.ts).
const plainProcessor = unified().use(remarkParse).use(remarkGfm, gfm);
// gfm costs a third of the parse time, and most chunks hold nothing it changes the facts of.
const commonmark = unified().use(remarkParse);
const commonmarkFrontmatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']);

/**
 * Can gfm change this chunk's facts? A table needs a delimiter row; task items and footnotes
 * move a paragraph's start; a literal autolink next to a backtick could swallow a code span.
 * Strikethrough (`~~x~~`) changes heading titles, which drop its markers. Plain autolinks change
 * only what is inside a paragraph. A superset is fine: a false positive only costs the slower parse.
 */
const GFM_SENSITIVE = /^[ \t>]*(?=[^\n]*\|)[|: \t-]*-[|: \t-]*$|\[[ xX]\]|\[\^|(?::\/\/|www\.)[^\s`]*`|(?:^|[^~])~~(?!~)/m;

export function parseChunk(text: string, allowFrontMatter: boolean): ChunkFacts {
  // micromark drops a leading byte-order mark and counts its offsets without it.
  if (text.charCodeAt(0) === 0xfeff) return shifted(parseChunk(text.slice(1), allowFrontMatter), 1);
  // Hostile nesting would take minutes or overflow the stack; the pipeline reports it (inputGuard).
  if (tooDeep(text)) return { headings: [], codes: [], inlineCodes: [], paragraphs: [], openAtEnd: false };
  text = defuseBacktickRuns(text);
  const gfm = GFM_SENSITIVE.test(text);
  const frontMatter = allowFrontMatter && frontMatterEnd(text) > 0;
  return (frontMatter ? factsAfterFrontMatter(text, gfm) : factsFromEvents(text, gfm)) || factsFromMdast(text, gfm, frontMatter, allowFrontMatter);
}

/**
 * Front matter is one node at the very start, after which the document begins afresh on the next
 * line. So the front matter alone goes through remark (a few lines: cheap) and the rest through
 * the event path, shifted: most runbooks in the field have front matter, and the full mdast parse
 * of the first chunk was a third of `runbook check`'s time. Undefined where either part declines.
 */
export function factsAfterFrontMatter(text: string, gfm: boolean): ChunkFacts | undefined {
  const end = frontMatterEnd(text);
  const head = factsFromMdast(text.slice(0, end), false, true, true);
  if (!head.frontMatter || head.headings.length || head.codes.length || head.paragraphs.length || head.inlineCodes.length) return undefined;
  const rest = factsFromEvents(text.slice(end), gfm);
  return rest && { ...shifted(rest, end), frontMatter: head.frontMatter };
}

/** The reference path: the full mdast tree, walked. Used where the event path declines. */
export function factsFromMdast(text: string, gfm: boolean, frontMatter: boolean, allowFrontMatter: boolean): ChunkFacts {
  const tree = (frontMatter ? (gfm ? processor : commonmarkFrontmatter) : (gfm ? plainProcessor : commonmark)).parse(text) as Root;
  const facts: ChunkFacts = { headings: [], codes: [], inlineCodes: [], paragraphs: [], openAtEnd: false };
  visitParents(tree, (node: Nodes, ancestors: Nodes[]) => {
    const pos = node.position;
    if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return;
    const start = pos.start.offset;
    const end = pos.end.offset;
    const nested = ancestors.some(a => a.type === 'listItem' || a.type === 'blockquote');
    switch (node.type) {
      case 'heading':
        facts.headings.push({ depth: node.depth, title: toString(node), start, end });
        break;
      case 'code': {
        // A fenced node's position starts at the fence itself; an indented one at its indentation.
        const fenced = /^(`{3,}|~{3,})/.test(text.slice(start, start + 3));
        const info = [node.lang, node.meta].filter(Boolean).join(' ');
        facts.codes.push({ kind: fenced ? 'fenced' : 'indented', start, end, info: fenced ? info : '', value: node.value, nested, closed: fenced ? isFenceClosed(text, start, end) : true });
        break;
      }
      case 'inlineCode':
        facts.inlineCodes.push({ start, end, value: node.value });
        break;
      case 'paragraph':
        facts.paragraphs.push({ start, end, inList: ancestors.some(a => a.type === 'listItem') });
        break;
      case 'yaml':
      case 'toml' as string:
        if (allowFrontMatter && ancestors.length === 1) facts.frontMatter = { kind: node.type as 'yaml' | 'toml', value: (node as { value: string }).value, start, end };
        break;
    }
  });
  facts.openAtEnd = endsOpen(tree, text, facts);
  return facts;
}

function endsOpen(tree: Root, text: string, facts: ChunkFacts): boolean {
  const last = tree.children[tree.children.length - 1];
  if (!last?.position) return false;
  const end = last.position.end.offset ?? 0;
  if (last.type === 'code') {
    const fact = facts.codes.find(c => c.start === last.position!.start.offset);
    return !!fact && fact.kind === 'fenced' && !fact.closed;
  }
  // An HTML block of kinds 6/7 runs until a blank line; kinds 1-5 until their end marker.
  // Either way, if nothing but one line break follows it, the next line would join it.
  if (last.type === 'html') return /^(\r?\n)?$/.test(text.slice(end));
  return false;
}

function shifted(f: ChunkFacts, by: number): ChunkFacts {
  const move = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + by, end: x.end + by });
  return {
    headings: f.headings.map(move), codes: f.codes.map(move), inlineCodes: f.inlineCodes.map(move), paragraphs: f.paragraphs.map(move),
    ...(f.frontMatter ? { frontMatter: move(f.frontMatter) } : {}),
    openAtEnd: f.openAtEnd,
  };
}

// A runbook's index facts from one pass over its lines: headings, fences and inline code outside
// fences, and metric names in PromQL fences, alert-rule `expr:` fields, shell `query=` arguments
// and inline code. A full remark parse of a 25 MB workspace takes ~30 s; this takes well under one.
// It is an approximation of CommonMark (no setext `---` after list items, no indented code), which
// is fine for navigation: the open document's own model stays the source of truth for checks.
import type { FileFacts, MentionFact, SectionFact } from './types';
import { hasMetricSuffix, isMetricLikeName, promqlNames } from './promqlNames';
import { detach } from './detach';
import { weakenAfterSyntaxErrors } from './promqlFenceErrors';
import { RuleLineScanner, type RuleFact } from '../alertLinks/ruleLines';

const FENCE_OPEN = /^((?:[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*>[ \t]?)*[ \t]*)(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/;
const YAML_EXPR = /^([ \t]*(?:-[ \t]+)?expr:[ \t]*)(.*)$/;
const SHELL_QUERY = /query=(['"]?)([^'"\n]*)/g;
/** Inline code that is a path, flag, URL or file name is never PromQL. */
const NOT_PROMQL = /^[/.~$]|^-|:\/\/|\s--?[a-z]|\.(ya?ml|json|md|go|sh|txt|log|toml)\b/i;

type FenceKind = 'promql' | 'yaml' | 'shell' | 'other';

function fenceKind(info: string): FenceKind {
  const word = info.trim().split(/[\s{]/, 1)[0].toLowerCase();
  if (word === 'promql' || word === 'prometheus' || word === 'metricsql') return 'promql';
  if (word === 'yaml' || word === 'yml') return 'yaml';
  if (['bash', 'sh', 'shell', 'zsh', 'console', 'shell-session', 'shellsession'].includes(word)) return 'shell';
  return 'other';
}

/** Heading text with inline markup removed, close to what mdast's toString gives. */
function plainTitle(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__|\*|_)(\S(?:.*?\S)?)\1/g, '$2')
    .trim();
}

interface Fence {
  char: string; marker: string; length: number; kind: FenceKind; exprIndent: number;
  /** PromQL fences: the body lines and where the fence's mentions start, checked when it closes. */
  lines: string[]; firstLine: number; firstMention: number;
  /** YAML fences: alerting rules, with their runbook links. */
  rules?: RuleLineScanner;
}

export function scanRunbook(text: string): FileFacts {
  const steps = scanRunbookSteps(text);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Lines scanned between two yields of `scanRunbookSteps`. */
const SLICE_LINES = 256;

/**
 * The same scan a slice at a time: it yields every few hundred lines and after each PromQL fence
 * (parsed when it closes), so that the language server can scan an open 4.8 MB runbook between
 * requests instead of holding them for seconds.
 */
export function* scanRunbookSteps(text: string): Generator<void, FileFacts, void> {
  const sections: SectionFact[] = [];
  const mentions: MentionFact[] = [];
  const rules: RuleFact[] = [];
  const lines = text.split('\n');
  let fence: Fence | undefined;
  let first = 0;
  // YAML or TOML front matter is metadata, not prose.
  if (/^(---|\+\+\+)\r?$/.test(lines[0] ?? '')) {
    const mark = lines[0].replace(/\r$/, '');
    const close = lines.findIndex((l, n) => n > 0 && l.replace(/\r$/, '') === mark);
    if (close > 0) first = close + 1;
  }
  let prevBlank = true;
  for (let ln = first; ln < lines.length; ln++) {
    if ((ln - first) % SLICE_LINES === SLICE_LINES - 1) yield;
    const line = lines[ln].endsWith('\r') ? lines[ln].slice(0, -1) : lines[ln];
    if (fence) {
      const t = line.includes(fence.marker) ? line.replace(/^[ \t>]*/, '') : '';
      if (t && t.startsWith(fence.char.repeat(fence.length)) && /^(`+|~+)[ \t]*$/.test(t) && t[0] === fence.char) {
        if (fence.kind === 'promql') yield;
        closeFence(fence, mentions, rules); fence = undefined; prevBlank = true;
        continue;
      }
      scanFenceLine(line, ln, fence, mentions);
      continue;
    }
    const open = line.includes('``') || line.includes('~~') ? FENCE_OPEN.exec(line) : null;
    if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
      fence = { char: open[2][0], marker: open[2][0].repeat(3), length: open[2].length, kind: fenceKind(open[3]), exprIndent: -1, lines: [], firstLine: ln + 1, firstMention: mentions.length };
      if (fence.kind === 'yaml') fence.rules = new RuleLineScanner();
      prevBlank = false;
      continue;
    }
    const atx = line.charCodeAt(line.search(/\S/)) === 35 ? ATX.exec(line) : null;
    if (atx) {
      const raw = atx[2] ?? '';
      const char = raw ? line.indexOf(raw, atx[1].length) : line.length;
      sections.push({ title: detach(plainTitle(raw)), depth: atx[1].length, line: ln, char, endChar: char + raw.length, endLine: ln });
      scanInline(line, ln, 'heading', mentions);
      prevBlank = true;
      continue;
    }
    // Setext `===` under a paragraph line makes that line a level-1 heading.
    if (!prevBlank && /^ {0,3}=+[ \t]*$/.test(line) && ln > 0) {
      const prev = lines[ln - 1].replace(/\r$/, '');
      const char = prev.search(/\S/);
      sections.push({ title: detach(plainTitle(prev)), depth: 1, line: ln - 1, char, endChar: prev.trimEnd().length, endLine: ln });
      continue;
    }
    prevBlank = line.trim() === '';
    if (!prevBlank && line.includes('`')) scanInline(line, ln, LIST_ITEM.test(line) ? 'list' : /^\s*\|/.test(line) ? 'table' : 'prose', mentions);
  }
  if (fence) closeFence(fence, mentions, rules);
  closeSections(sections, lines.length - 1);
  // Only runbooks that hold rules carry the key: the facts of the others stay as small as before.
  return rules.length ? { sections, mentions, rules } : { sections, mentions };
}

function closeSections(sections: SectionFact[], lastLine: number): void {
  const open: SectionFact[] = [];
  for (const s of sections) {
    while (open.length && open[open.length - 1].depth >= s.depth) open.pop()!.endLine = Math.max(s.line - 1, 0);
    open.push(s);
  }
  for (const s of open) s.endLine = lastLine;
}

function closeFence(fence: Fence, mentions: MentionFact[], rules: RuleFact[]): void {
  if (fence.rules) rules.push(...fence.rules.rules);
  if (fence.kind === 'promql') weakenAfterSyntaxErrors(fence.lines, fence.firstLine, mentions, fence.firstMention);
}

function scanFenceLine(line: string, ln: number, fence: Fence, out: MentionFact[]): void {
  if (fence.kind === 'promql') {
    fence.lines.push(line);
    for (const n of promqlNames(line)) out.push({ name: n.name, line: ln, char: n.start, strong: true, definition: false });
  } else if (fence.kind === 'yaml') {
    fence.rules?.line(line, ln);
    const indent = line.search(/\S/);
    const m = YAML_EXPR.exec(line);
    if (m) {
      const value = m[2].trim();
      // `expr: |` or `expr: >-`: the expression is on the following, deeper-indented lines.
      fence.exprIndent = /^[|>][+-]?$/.test(value) ? indent : -1;
      if (fence.exprIndent < 0) addNames(m[1].length, m[2], ln, out);
    } else if (fence.exprIndent >= 0) {
      if (indent > fence.exprIndent) addNames(0, line, ln, out);
      else if (indent >= 0) fence.exprIndent = -1;
    }
  } else if (fence.kind === 'shell' && line.includes('query=')) {
    for (const m of line.matchAll(SHELL_QUERY)) addNames(m.index! + 6 + m[1].length, m[2], ln, out);
  }
}

function addNames(offset: number, expr: string, ln: number, out: MentionFact[]): void {
  // A quoted YAML scalar: names inside the quotes, at their own columns.
  const q = expr[0] === '"' || expr[0] === "'" ? 1 : 0;
  const body = q ? expr.slice(1, expr.lastIndexOf(expr[0]) > 0 ? expr.lastIndexOf(expr[0]) : undefined) : expr;
  for (const n of promqlNames(body)) out.push({ name: n.name, line: ln, char: offset + q + n.start, strong: true, definition: false });
}

type LineKind = 'heading' | 'list' | 'table' | 'prose';

function scanInline(line: string, ln: number, kind: LineKind, out: MentionFact[]): void {
  if (line.indexOf('`') < 0) return;
  // Each run's closer is the next run of exactly its length, found in one backwards pass: a line of
  // runs of growing length (none ever closed) searched forward from every run took 7 s for 1 MB.
  const at: number[] = [], len: number[] = [];
  for (let i = line.indexOf('`'); i !== -1; i = line.indexOf('`', i)) {
    let n = 1;
    while (line[i + n] === '`') n++;
    at.push(i); len.push(n);
    i += n;
  }
  const closer = new Int32Array(at.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let k = at.length - 1; k >= 0; k--) {
    closer[k] = lastOfLength.get(len[k]) ?? -1;
    lastOfLength.set(len[k], k);
  }
  let firstCode = true;
  for (let k = 0; k < at.length; k++) {
    const c = closer[k];
    if (c < 0) continue;
    const start = at[k] + len[k];
    inlineNames(line.slice(start, at[c]), start, ln, isDefinitionSpot(line, at[k], kind, firstCode), out);
    firstCode = false;
    k = c;
  }
}

/** A list item that starts by naming something, a table row's first cell, or a heading. */
function isDefinitionSpot(line: string, tick: number, kind: LineKind, firstCode: boolean): boolean {
  if (!firstCode) return false;
  const before = line.slice(0, tick);
  if (kind === 'heading') return true;
  if (kind === 'list') return /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\*\*|__|\[)?$/.test(before);
  if (kind === 'table') return /^[ \t]*\|[ \t]*(?:\*\*|__)?$/.test(before);
  return false;
}

function inlineNames(code: string, offset: number, ln: number, definition: boolean, out: MentionFact[]): void {
  const t = code.trim();
  if (!t || NOT_PROMQL.test(t)) return;
  if (/^[A-Za-z_:][\w:]*$/.test(t)) {
    if (!isMetricLikeName(t)) return;
    out.push({ name: t, line: ln, char: offset + code.indexOf(t), strong: hasMetricSuffix(t) || definition, definition });
    return;
  }
  // Only text with PromQL structure: a call, matchers, a range, or a comparison.
  if (!/[({[]|[<>]=?|[!=]=/.test(t)) return;
  for (const n of promqlNames(code)) {
    if (isMetricLikeName(n.name)) out.push({ name: n.name, line: ln, char: offset + n.start, strong: true, definition: false });
  }
}

// Which list items are symptoms: a list item (task item or plain bullet) whose inline code is a
// PromQL condition naming a metric. The PromQL checker decides, not a pattern: the code must parse
// clean and show PromQL structure (classifyInline: a comparison with a number, a call, matchers or
// a range), and hold a selector with a metric name. So `last_error != null` (two bare words) and
// `time() > 5` (no metric) are not symptoms; a bare metric name is a metric, not a condition.
// Prose around the code ("for 2+ epochs") is never part of the query.
import type { Paragraph, Position, Range, RunbookModel } from '../model/types';
import { classifyInline } from '../promql/inlineHeuristics';
import type { Tree } from '../promql/parse';

export interface Symptom {
  /** The condition, as written in the backticks (trimmed). */
  expr: string;
  /** The inline code's text range. */
  range: Range;
  /** End of the line holding the code: where its result is shown. */
  lineEnd: Position;
  /** Metric names the condition selects, in order of appearance. */
  metrics: string[];
  /** 0-based line of the first item of the list the symptom belongs to. */
  listLine: number;
}

/** A list's symptoms, in document order; `line` is its first item's line (the lens goes there). */
export interface SymptomList { line: number; symptoms: Symptom[] }

// What may precede a list item's first paragraph on its line: quotes, then one or more markers
// (`- 1. `), then the text. A task item's `[ ] ` is inside the paragraph (GFM).
const ITEM_START = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)+$/;

/** The metric names of the selectors in a clean PromQL tree. */
export function selectorMetrics(tree: Tree, text: string): string[] {
  const out: string[] = [];
  tree.iterate({
    enter(n) {
      if (n.name !== 'VectorSelector') return;
      const id = n.node.getChild('Identifier');
      if (id) { const name = text.slice(id.from, id.to); if (!out.includes(name)) out.push(name); }
      else {
        // `{__name__="x"}`: the name is a matcher.
        const m = /__name__\s*=\s*"([^"]+)"/.exec(text.slice(n.from, n.to));
        if (m && !out.includes(m[1])) out.push(m[1]);
      }
    },
  });
  return out;
}

/** The condition and its metrics when `code` is a symptom's condition, else undefined. */
export function symptomCondition(code: string): { expr: string; metrics: string[] } | undefined {
  const c = classifyInline(code);
  if (c.kind !== 'expr') return undefined;
  const expr = code.trim();
  const metrics = selectorMetrics(c.tree, expr);
  return metrics.length ? { expr, metrics } : undefined;
}

const symptomsMemo = new WeakMap<RunbookModel, SymptomList[]>();

/** Every symptom list of a runbook (cached per model, which is immutable). */
export function symptomLists(model: RunbookModel, text: string): SymptomList[] {
  let v = symptomsMemo.get(model);
  if (!v) symptomsMemo.set(model, v = findLists(model, text));
  return v;
}

export function symptomsOf(model: RunbookModel, text: string): Symptom[] {
  return symptomLists(model, text).flatMap(l => l.symptoms);
}

function findLists(model: RunbookModel, text: string): SymptomList[] {
  const items = model.paragraphs.filter(p => p.inList && isItemStart(p, text));
  if (!items.length) return [];
  const lists: SymptomList[] = [];
  let codeAt = 0;
  let current: SymptomList | undefined;
  let prev: Paragraph | undefined;
  for (const p of items) {
    if (!prev || !sameList(prev, p, model, text)) current = undefined;
    prev = p;
    const end = p.offset + p.text.length;
    while (codeAt < model.inlineCodes.length && model.inlineCodes[codeAt].offset < p.offset) codeAt++;
    for (let k = codeAt; k < model.inlineCodes.length && model.inlineCodes[k].offset < end; k++) {
      const ic = model.inlineCodes[k];
      const cond = symptomCondition(ic.text);
      if (!cond) continue;
      if (!current) { current = { line: p.range.start.line, symptoms: [] }; lists.push(current); }
      current.symptoms.push({ ...cond, range: ic.range, lineEnd: lineEndOf(text, ic.range.start.line, ic.offset), listLine: current.line });
      break; // one condition per item: its line shows one result
    }
  }
  return lists;
}

function isItemStart(p: Paragraph, text: string): boolean {
  const from = text.lastIndexOf('\n', p.offset - 1) + 1;
  return ITEM_START.test(text.slice(from, p.offset));
}

/** The item's own marker kind and column (`-`, `*`, `+`, `.`, `)`): CommonMark starts a new list when it changes. */
function markerOf(p: Paragraph, text: string): { kind: string; column: number } {
  const from = text.lastIndexOf('\n', p.offset - 1) + 1;
  const prefix = text.slice(from, p.offset);
  const m = /(?:([-*+])|\d{1,9}([.)]))[ \t]+$/.exec(prefix);
  return { kind: m?.[1] ?? m?.[2] ?? '', column: m?.index ?? 0 };
}

/** Two item paragraphs are in one list when only list material (no heading, block or loose paragraph) lies between. */
function sameList(a: Paragraph, b: Paragraph, model: RunbookModel, text: string): boolean {
  const ma = markerOf(a, text), mb = markerOf(b, text);
  if (ma.column === mb.column && ma.kind !== mb.kind) return false;
  const between = (l: number) => l > a.range.end.line && l < b.range.start.line;
  if (model.sections.some(s => between(s.headingRange.start.line))) return false;
  if (model.blocks.some(x => !x.nested && between(x.range.start.line))) return false;
  if (model.paragraphs.some(p => !p.inList && between(p.range.start.line))) return false;
  // A blank line followed by an unindented non-item line ends the list.
  const gap = text.slice(a.offset + a.text.length, b.offset);
  return !/\n[ \t]*\n(?![ \t]|[-*+]|\d{1,9}[.)])/.test(gap);
}

function lineEndOf(text: string, line: number, offsetOnLine: number): Position {
  const from = text.lastIndexOf('\n', offsetOnLine - 1) + 1;
  let to = text.indexOf('\n', offsetOnLine);
  if (to < 0) to = text.length;
  if (text[to - 1] === '\r') to--;
  return { line, character: to - from };
}

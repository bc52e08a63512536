// Completion inside a PromQL expression: a pure function of (expression, cursor, known metrics).
// Live label names and values come with the metrics issue; here: functions with their signature
// and doc, aggregation operators, keywords, durations inside `[…]`, and metric names already
// referenced in the workspace.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { AGGREGATIONS, FUNCTIONS, aggregationSignatureText, signatureText } from './functions';

export interface CompletionExtra {
  /** Metric names referenced anywhere in the workspace's runbooks. */
  metricNames?: Iterable<string>;
}

const KEYWORDS = ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless'];
const DURATIONS = ['1m', '5m', '10m', '15m', '30m', '1h', '6h', '1d'];

/** What the cursor sits in: a range `[…]`, label matchers `{…}`, a grouping list, or an expression. */
function contextAt(before: string): 'duration' | 'labels' | 'expr' {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const c = before[i];
    if (c === ']' || c === '}' || c === ')') depth++;
    else if (c === '[' || c === '{' || c === '(') {
      if (depth > 0) { depth--; continue; }
      if (c === '[') return 'duration';
      if (c === '{') return 'labels';
      return /\b(by|without|on|ignoring|group_left|group_right)\s*$/.test(before.slice(0, i)) ? 'labels' : 'expr';
    }
  }
  return 'expr';
}

export function promqlCompletions(expr: string, cursor: number, extra: CompletionExtra = {}): CompletionItem[] {
  const before = expr.slice(0, cursor);
  if (/"[^"]*$/.test(before.replace(/"[^"]*"/g, ''))) return [];
  const ctx = contextAt(before);
  if (ctx === 'labels') return [];
  if (ctx === 'duration') {
    return DURATIONS.map((d, i) => ({ label: d, kind: CompletionItemKind.Unit, sortText: String(i).padStart(2, '0') }));
  }
  const items: CompletionItem[] = [];
  for (const f of FUNCTIONS) {
    items.push({
      label: f.name,
      kind: CompletionItemKind.Function,
      detail: signatureText(f) + (f.experimental ? ' (experimental)' : ''),
      documentation: { kind: MarkupKind.Markdown, value: f.doc },
      insertText: f.args.length ? `${f.name}($1)` : `${f.name}()`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `2${f.name}`,
    });
  }
  for (const a of AGGREGATIONS) {
    items.push({
      label: a.name,
      kind: CompletionItemKind.Operator,
      detail: aggregationSignatureText(a),
      documentation: { kind: MarkupKind.Markdown, value: a.doc },
      insertText: a.param ? `${a.name}($1, $2)` : `${a.name}($1)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `1${a.name}`,
    });
  }
  for (const k of KEYWORDS) items.push({ label: k, kind: CompletionItemKind.Keyword, sortText: `3${k}` });
  const seen = new Set<string>();
  for (const m of extra.metricNames ?? []) {
    if (seen.has(m)) continue;
    seen.add(m);
    items.push({ label: m, kind: CompletionItemKind.Variable, detail: 'metric (referenced in runbooks)', sortText: `0${m}` });
  }
  return items;
}

// Metric names in PromQL-ish text without a parser: the index scans whole workspaces, and a
// character scan is two orders of magnitude cheaper than lezer. Selectors are identifiers that are
// not calls, keywords, label lists, matchers, ranges, strings or parts of a number.

export interface NameSpan { name: string; start: number; end: number }

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57);
const isDigitOrDot = (c: number) => (c >= 48 && c <= 57) || c === 46;

/** Index just past the matching `close`, or the end of the text. Strings inside are skipped. */
function skipGroup(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') { i = skipString(text, i) - 1; continue; }
    if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i + 1;
  }
  return text.length;
}

function skipString(text: string, from: number): number {
  const q = text[from];
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '\\' && q !== '`') { i++; continue; }
    if (text[i] === q) return i + 1;
  }
  return text.length;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

export function promqlNames(text: string): NameSpan[] {
  const out: NameSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (ch === '#') break;
    if (ch === '"' || ch === "'" || ch === '`') { i = skipString(text, i); continue; }
    if (ch === '{') { i = skipGroup(text, i, '{', '}'); continue; }
    if (ch === '[') { i = skipGroup(text, i, '[', ']'); continue; }
    if (!isIdentStart(c)) { i++; continue; }
    const start = i;
    while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
    const name = text.slice(start, i);
    // `5m`, `1e3`, `0x1f`: the tail of a number or duration.
    if (start > 0 && isDigitOrDot(text.charCodeAt(start - 1))) continue;
    const after = nextNonSpace(text, i);
    const lower = name.toLowerCase();
    if (KEYWORDS.has(lower)) {
      if (LABEL_LISTS.has(lower) && text[after] === '(') i = skipGroup(text, after, '(', ')');
      continue;
    }
    if (text[after] === '(') continue;
    // `sum by (job) (...)`: an aggregation whose grouping comes first.
    if (/^(?:by|without)\s*\(/i.test(text.slice(after, after + 12))) continue;
    // `job="x"` outside braces (e.g. in a label_replace argument) is a label, not a selector.
    if (text[after] === '=' || (text[after] === '!' && text[after + 1] === '=')) continue;
    out.push({ name, start, end: i });
  }
  return out;
}

const SNAKE = /^[a-z_:][a-z0-9_:]*$/;
const SUFFIXES = ['_total', '_seconds', '_bytes', '_bucket', '_count', '_sum', '_size', '_ratio', '_info'];

/** Looks like a Prometheus metric name when written alone (in inline code or a list of metrics). */
export function isMetricLikeName(s: string): boolean {
  return SNAKE.test(s) && /[a-z]/.test(s) && s.includes('_') && !s.startsWith('_') && !s.endsWith('_');
}

export function hasMetricSuffix(s: string): boolean {
  return SUFFIXES.some(x => s.length > x.length && s.endsWith(x));
}

// Words after a syntax error in a PromQL fence are not metric names: `x > 5000 for 3 epochs`
// would otherwise put `for` and `epochs` into metric completion. The line scan stays parser-free
// for every other line; a fence body is parsed once, when the fence closes (lezer: microseconds).
import type { MentionFact } from './types';
import { splitStatements } from '../promql/split';
import { firstError, MAX_PROMQL_DEPTH, nestingDepth, parsePromql } from '../promql/parse';

/**
 * `lines`: the fence's body lines, the first one at document line `firstLine`; `mentions` from
 * index `from` on are the fence's. Mentions at or after a statement's first error become weak.
 */
export function weakenAfterSyntaxErrors(lines: readonly string[], firstLine: number, mentions: MentionFact[], from: number): void {
  if (mentions.length === from) return;
  const body = lines.join('\n');
  const lineStart: number[] = [];
  let pos = 0;
  for (const l of lines) { lineStart.push(pos); pos += l.length + 1; }
  const bad = badSpans(body);
  if (!bad.length) return;
  for (let i = from; i < mentions.length; i++) {
    const m = mentions[i]!;
    const at = lineStart[m.line - firstLine]! + m.char;
    if (bad.some(b => at >= b.errorAt && at <= b.to)) m.strong = false;
  }
}

type Bad = { errorAt: number; to: number }[];
/**
 * Per fence body: a rescan after a keystroke meets every other fence unchanged, and parsing them
 * all again was most of an open 4.8 MB runbook's rescan on the server's main thread.
 */
const badByBody = new Map<string, Bad>();
/** Characters of fence bodies kept (first in, first out). */
const MEMO_CHARS = 8_000_000;
let memoChars = 0;

function badSpans(body: string): Bad {
  const memo = badByBody.get(body);
  if (memo) return memo;
  const bad: Bad = [];
  // Brackets nested too deep to check (promql/too-deep): no name in the fence is trusted, and no
  // parse runs (400,000 nested parentheses held the server's main thread here).
  const statements = nestingDepth(body) > MAX_PROMQL_DEPTH ? [{ from: 0, to: body.length, text: '' }] : splitStatements(body);
  for (const s of statements) {
    if (!s.text) { bad.push({ errorAt: s.from, to: s.to }); continue; }
    const err = firstError(parsePromql(s.text));
    if (err) bad.push({ errorAt: s.from + err.from, to: s.to });
  }
  badByBody.set(body, bad);
  memoChars += body.length;
  while (memoChars > MEMO_CHARS && badByBody.size > 1) {
    const oldest = badByBody.keys().next().value as string;
    memoChars -= oldest.length;
    badByBody.delete(oldest);
  }
  return bad;
}

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
  const bad: { errorAt: number; to: number }[] = [];
  // Brackets nested too deep to check (promql/too-deep): no name in the fence is trusted, and no
  // parse runs (400,000 nested parentheses held the server's main thread here).
  const statements = nestingDepth(body) > MAX_PROMQL_DEPTH ? [{ from: 0, to: body.length, text: '' }] : splitStatements(body);
  for (const s of statements) {
    if (!s.text) { bad.push({ errorAt: s.from, to: s.to }); continue; }
    const err = firstError(parsePromql(s.text));
    if (err) bad.push({ errorAt: s.from + err.from, to: s.to });
  }
  if (!bad.length) return;
  for (let i = from; i < mentions.length; i++) {
    const m = mentions[i]!;
    const at = lineStart[m.line - firstLine]! + m.char;
    if (bad.some(b => at >= b.errorAt && at <= b.to)) m.strong = false;
  }
}

// The errors Prometheus's parser raises on literal values that its grammar (and lezer's) accepts:
// bad string escapes, label regexes Go's RE2 rejects, ranges and steps that are not positive,
// durations too long for int64 nanoseconds, and `@` times that are not finite.
import type { PromqlProblem } from './problem';
import { exprChildren, type SyntaxNode } from './parse';
import { decodeString, durationSeconds, MAX_AT_SECONDS, MAX_DURATION_SECONDS, numberValue } from './literals';
import { re2Problem } from './re2';

type Problem = Omit<PromqlProblem, 'code' | 'severity'>;

/**
 * What RE2 rejects in a quoted regex (PromQL and LogQL alike), as offsets into the literal
 * (quotes included); undefined when valid, or when the string itself is broken (reported apart).
 */
export function regexLiteralProblem(literal: string): { from: number; to: number; message: string } | undefined {
  const decoded = decodeString(literal);
  if (decoded.problem) return undefined;
  const p = re2Problem(decoded.value);
  if (!p) return undefined;
  const from = decoded.at[p.index];
  const to = decoded.at[p.index + p.length] ?? decoded.at[decoded.at.length - 1];
  return { from, to: Math.max(to, from + 1), message: p.message };
}

/** A duration written as one literal with an optional sign (`5m`, `-2m`, `300`), in seconds. */
function literalDuration(text: string): number | undefined {
  const m = /^\(?\s*([+-]?)\s*([\w.]+)\s*\)?$/.exec(text);
  if (!m) return undefined;
  const v = durationSeconds(m[2]);
  return v === undefined ? undefined : m[1] === '-' ? -v : v;
}

function tooLong(text: string): string {
  return `\`${text}\` is too long: Prometheus durations go up to about 292 years.`;
}

export function literalProblems(top: SyntaxNode, text: string): PromqlProblem[] {
  const out: Problem[] = [];
  const src = (n: SyntaxNode) => text.slice(n.from, n.to);

  const positive = (n: SyntaxNode | null, what: 'range' | 'step') => {
    if (!n) return;
    const v = literalDuration(src(n));
    if (v === undefined) return;
    if (v <= 0) {
      out.push({ from: n.from, to: n.to, message: what === 'range'
        ? `A range must be longer than 0, got \`${src(n)}\`: write e.g. \`[5m]\`.`
        : `A subquery step must be longer than 0, got \`${src(n)}\`: write e.g. \`[30m:1m]\`, or leave it out (\`[30m:]\`) for the evaluation interval.` });
    } else if (v > MAX_DURATION_SECONDS) out.push({ from: n.from, to: n.to, message: tooLong(src(n)) });
  };

  const regexIn = (value: SyntaxNode, prefix = '') => {
    const p = regexLiteralProblem(src(value));
    if (p) out.push({ from: value.from + p.from, to: value.from + p.to, message: prefix + p.message });
  };
  const matcherRegex = (m: SyntaxNode) => {
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (op && value && /~/.test(src(op))) regexIn(value);
  };

  const c = top.cursor();
  do {
    const n = c.node;
    switch (n.name) {
      case 'StringLiteral': {
        const p = decodeString(src(n)).problem;
        if (p) out.push({ from: n.from + p.from, to: n.from + p.to, message: p.message });
        break;
      }
      case 'UnquotedLabelMatcher': case 'QuotedLabelMatcher': matcherRegex(n); break;
      case 'FunctionCall': {
        // label_replace compiles its regex when it runs: an invalid one fails every evaluation.
        const body = n.getChild('FunctionCallBody');
        const regex = body && src(n.getChild('FunctionIdentifier') ?? n) === 'label_replace' ? exprChildren(body)[4] : undefined;
        if (regex?.name === 'StringLiteral') regexIn(regex, 'In `label_replace`\'s regex: ');
        break;
      }
      case 'MatrixSelector': positive(n.getChild('DurationExpr'), 'range'); break;
      case 'SubqueryExpr': {
        const [range, step] = n.getChildren('DurationExpr');
        positive(range, 'range');
        positive(step ?? null, 'step');
        break;
      }
      case 'OffsetExpr': {
        const d = n.getChild('OffsetDurationExpr');
        const v = d ? literalDuration(src(d)) : undefined;
        if (d && v !== undefined && Math.abs(v) > MAX_DURATION_SECONDS) out.push({ from: d.from, to: d.to, message: tooLong(src(d)) });
        break;
      }
      case 'StepInvariantExpr': {
        const lit = n.getChild('NumberDurationLiteral');
        const v = lit ? numberValue(src(lit)) ?? durationSeconds(src(lit)) : undefined;
        if (lit && v !== undefined && !(Math.abs(v) < MAX_AT_SECONDS)) {
          out.push({ from: lit.from, to: lit.to, message: `\`@ ${src(lit)}\` is not a time Prometheus can evaluate at: give a Unix timestamp in seconds (e.g. \`@ 1700000000\`), or \`@ start()\` / \`@ end()\`.` });
        }
        break;
      }
    }
  } while (c.next());
  return out.map((p) => ({ ...p, code: 'promql/syntax', severity: 'error' }));
}

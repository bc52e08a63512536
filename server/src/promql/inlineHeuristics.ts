// When is an inline span or a prose line PromQL? It must parse clean *and* show PromQL structure
// (a function call, an aggregation, label matchers, a range, or a comparison with a number), or be
// a bare snake_case name with a metric suffix. `df -h` parses (as `df - h`) and `last_error != null`
// parses, but neither has structure; CamelCase alert names are not snake_case.
import { firstError, isBlankPromql, parsePromql, type Tree } from './parse';

export const METRIC_SUFFIXES = ['_total', '_seconds', '_bytes', '_bucket', '_count', '_sum', '_size', '_ratio', '_info'];

const SNAKE = /^[a-z_:][A-Za-z0-9_:]*$/;

export function isSnakeCaseName(s: string): boolean {
  return SNAKE.test(s) && s.includes('_') && !s.startsWith('_') && !s.endsWith('_');
}

export function hasMetricSuffix(s: string): boolean {
  return METRIC_SUFFIXES.some((x) => s.endsWith(x) && s.length > x.length);
}

/** Structure strong enough to call a clean parse PromQL rather than a coincidence. */
export function hasPromqlStructure(tree: Tree, text: string, strict = false): boolean {
  let found = false;
  tree.iterate({
    enter(n) {
      if (found) return false;
      switch (n.name) {
        case 'FunctionCall': case 'AggregateExpr':
          found = true; break;
        case 'MatrixSelector': case 'SubqueryExpr':
          // `items[0]` is indexing in most languages; a PromQL range has a unit (`[5m]`).
          found = /\[[^\]]*\d(ms|[smhdwy])\b/.test(text.slice(n.from, n.to)); break;
        case 'LabelMatchers':
          found = /[=~]/.test(text.slice(n.from, n.to)); break;
        case 'BinaryExpr': {
          if (strict) break;
          const node = n.node;
          const cmp = ['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte'].some((op) => node.getChild(op));
          const num = node.getChild('NumberDurationLiteral') ?? node.getChild('UnaryExpr')?.getChild('NumberDurationLiteral');
          const sel = node.getChild('VectorSelector');
          found = cmp && !!num && !!sel;
          break;
        }
      }
      return found ? false : undefined;
    },
  });
  return found;
}

export type InlineKind = { kind: 'expr'; tree: Tree } | { kind: 'name' } | { kind: 'none' };

const NOT_PROMQL = /^[/.~$]|^-|:\/\/|\s--?[a-z]|\.(ya?ml|json|md|go|sh|txt|log|toml)\b/i;

export function classifyInline(text: string): InlineKind {
  const t = text.trim();
  if (!t || isBlankPromql(t) || NOT_PROMQL.test(t) || t.length > 2000) return { kind: 'none' };
  if (/^[A-Za-z_:][\w:]*$/.test(t)) return isSnakeCaseName(t) && hasMetricSuffix(t) ? { kind: 'name' } : { kind: 'none' };
  const tree = parsePromql(t);
  if (firstError(tree) || !hasPromqlStructure(tree, t)) return { kind: 'none' };
  return { kind: 'expr', tree };
}

/**
 * Words PromQL allows next to another word with only blanks between: binary and set operators,
 * grouping and vector-matching modifiers, `offset`, `bool`, the `@` preprocessors, Prometheus 3's
 * range modifiers, and the number words. Matched case-insensitively, as Prometheus matches them.
 */
const ADJACENT_OK = new Set(['and', 'or', 'unless', 'atan2', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right',
  'offset', 'bool', 'start', 'end', 'step', 'range', 'smoothed', 'anchored', 'inf', 'nan']);
const WORD_PAIR = /(?<![\w:])([A-Za-z_][\w:]*)[ \t]+(?=([A-Za-z_][\w:]*))/g;

/**
 * A cheap proof that a prose line cannot parse as PromQL, so most English sentences never reach
 * the parser (whose error recovery on prose was a sixth of `runbook check`): two plain words side
 * by side, outside any string or comment, are two expressions with no operator between them.
 * Lines with quotes or `#` are left to the parser.
 */
export function cannotBeProsePromql(t: string): boolean {
  if (/["'`#]/.test(t)) return false;
  WORD_PAIR.lastIndex = 0;
  for (let m = WORD_PAIR.exec(t); m; m = WORD_PAIR.exec(t)) {
    if (!ADJACENT_OK.has(m[1].toLowerCase()) && !ADJACENT_OK.has(m[2].toLowerCase())) return true;
  }
  return false;
}

/** A prose line only counts when it is a whole expression with a call, aggregation, matchers or range. */
export function isProsePromql(line: string): boolean {
  const t = line.trim();
  if (!t || /[`*]|^\d+\.|^[-+] /.test(t) || NOT_PROMQL.test(t) || !/[({[]/.test(t) || cannotBeProsePromql(t)) return false;
  const tree = parsePromql(t);
  return !firstError(tree) && hasPromqlStructure(tree, t, true);
}

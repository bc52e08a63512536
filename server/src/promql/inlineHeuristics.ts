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

/** A prose line only counts when it is a whole expression with a call, aggregation, matchers or range. */
export function isProsePromql(line: string): boolean {
  const t = line.trim();
  if (!t || /[`*]|^\d+\.|^[-+] /.test(t) || NOT_PROMQL.test(t) || !/[({[]/.test(t)) return false;
  const tree = parsePromql(t);
  return !firstError(tree) && hasPromqlStructure(tree, t, true);
}

// What to show as a condition's "current value" while it does not hold: a comparison without
// `bool` filters the failing series out, so `sum(backlog) < 10` answers nothing while the backlog
// is 73. For a top-level comparison against a number, the other side is asked too and shown with
// the threshold (`73, needs < 10`). Other conditions show their own result.
import { exprChildren, firstError, parsePromql } from '../promql/parse';

const OPS: Record<string, string> = { Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=' };

export interface WatchedValue {
  /** The side of the comparison that is not a number. */
  expr: string;
  /** `< 10`: what the value must satisfy, as written. */
  needs: string;
}

export function watchedValue(condition: string): WatchedValue | undefined {
  const tree = parsePromql(condition);
  if (firstError(tree)) return undefined;
  const top = tree.topNode.firstChild;
  if (!top || top.name !== 'BinaryExpr' || top.getChild('BoolModifier')) return undefined;
  const op = Object.keys(OPS).find(o => top.getChild(o));
  if (!op) return undefined;
  const [l, r] = exprChildren(top);
  if (!l || !r) return undefined;
  const text = (n: { from: number; to: number }) => condition.slice(n.from, n.to);
  if (r.name === 'NumberDurationLiteral' && l.name !== 'NumberDurationLiteral') return { expr: text(l), needs: `${OPS[op]} ${text(r)}` };
  if (l.name === 'NumberDurationLiteral' && r.name !== 'NumberDurationLiteral') return { expr: text(r), needs: `${flip(OPS[op])} ${text(l)}` };
  return undefined;
}

/** `5 < x` reads as `x > 5`. */
function flip(op: string): string {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

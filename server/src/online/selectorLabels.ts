// Label matchers of the vector selectors in an expression, with offsets: `x{job="a", code=~"5.."}`
// gives job and code for x. Matchers that also match series without the label (`!=`, `!~`, an
// empty value) are left out: a missing label is what they may mean.
import { childrenOf, parsePromql, stringValue } from '../promql/parse';

export interface LabelUse { metric: string; label: string; from: number; to: number }

export function selectorLabels(expr: string): LabelUse[] {
  const out: LabelUse[] = [];
  const c = parsePromql(expr).cursor();
  do {
    if (c.name !== 'VectorSelector') continue;
    const sel = c.node;
    const id = sel.getChild('Identifier');
    const matchers = sel.getChild('LabelMatchers');
    if (!id || !matchers) continue;
    const metric = expr.slice(id.from, id.to);
    for (const m of childrenOf(matchers)) {
      if (m.name !== 'UnquotedLabelMatcher') continue;
      const name = m.getChild('LabelName');
      const op = m.getChild('MatchOp');
      const value = m.getChild('StringLiteral');
      if (!name || !op || !value) continue;
      const opText = expr.slice(op.from, op.to);
      const v = stringValue(expr.slice(value.from, value.to));
      if (opText.startsWith('!') || v === '' || (opText === '=~' && new RegExp(`^(?:${safe(v)})$`).test(''))) continue;
      const label = expr.slice(name.from, name.to);
      if (label !== '__name__') out.push({ metric, label, from: name.from, to: name.to });
    }
  } while (c.next());
  return out;
}

/** A regex JavaScript may not read as RE2 does is treated as one that cannot match empty. */
function safe(re: string): string {
  try { new RegExp(re); return re; } catch { return '(?!)'; }
}

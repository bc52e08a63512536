// Metric names from the syntax tree only: selector identifiers, `{__name__="…"}` and a quoted name
// inside `{…}`. Never function names, label names or keywords, and nothing under an error node
// (`for 3 epochs` recovers as identifiers that are not metrics).
import { childrenOf, stringValue, type SyntaxNode, type Tree } from './parse';
import { aggregationSig, functionSig, PROMQL_KEYWORDS } from './functions';

export interface MetricName { name: string; from: number; to: number }

const KEYWORDS = new Set(PROMQL_KEYWORDS);

function isUnknownCall(sel: SyntaxNode, id: SyntaxNode, text: string): boolean {
  const next = id.nextSibling;
  if (next?.type.isError && text[next.from] === '(') return true;
  return /^\s*\(/.test(text.slice(sel.to, sel.to + 40)) && !!sel.nextSibling?.type.isError;
}

function nameFromString(lit: SyntaxNode, text: string): MetricName {
  const raw = text.slice(lit.from, lit.to);
  const value = stringValue(raw);
  const plain = raw.length >= 2 && raw.slice(1, -1) === value;
  return plain ? { name: value, from: lit.from + 1, to: lit.to - 1 } : { name: value, from: lit.from, to: lit.to };
}

function fromMatchers(matchers: SyntaxNode, text: string, out: MetricName[]): void {
  for (const m of childrenOf(matchers)) {
    if (m.name === 'QuotedLabelName') {
      const lit = m.getChild('StringLiteral');
      if (lit) out.push(nameFromString(lit, text));
      continue;
    }
    if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
    const label = m.firstChild;
    const op = m.getChild('MatchOp');
    const value = m.getChild('StringLiteral');
    if (!label || !op || !value || text.slice(op.from, op.to) !== '=') continue;
    const labelText = label.name === 'QuotedLabelName' ? stringValue(text.slice(label.from, label.to)) : text.slice(label.from, label.to);
    if (labelText === '__name__') out.push(nameFromString(value, text));
  }
}

export function extractMetrics(tree: Tree, text: string): MetricName[] {
  const out: MetricName[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) return false;
      if (ref.name !== 'VectorSelector') return undefined;
      const sel = ref.node;
      const id = sel.getChild('Identifier');
      if (id) {
        const name = text.slice(id.from, id.to);
        const ok = !KEYWORDS.has(name) && !functionSig(name) && !aggregationSig(name) && !isUnknownCall(sel, id, text);
        if (ok) out.push({ name, from: id.from, to: id.to });
      }
      const matchers = sel.getChild('LabelMatchers');
      if (matchers) fromMatchers(matchers, text, out);
      return false;
    },
  });
  return out.filter((m) => m.name.length > 0);
}

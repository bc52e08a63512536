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

/** Moves the cursor past the current node's subtree; false at the end of the tree. */
function skipSubtree(c: ReturnType<Tree['cursor']>): boolean {
  while (!c.nextSibling()) if (!c.parent()) return false;
  return true;
}

export function extractMetrics(tree: Tree, text: string): MetricName[] {
  const out: MetricName[] = [];
  // A bare cursor walk: the callback form of tree.iterate costs about twice as much.
  const c = tree.cursor();
  for (let more = true; more;) {
    if (c.type.isError) { more = skipSubtree(c); continue; }
    if (c.name !== 'VectorSelector') { more = c.next(); continue; }
    const sel = c.node;
    const id = sel.getChild('Identifier');
    if (id) {
      const name = text.slice(id.from, id.to);
      const ok = !KEYWORDS.has(name) && !functionSig(name) && !aggregationSig(name) && !isUnknownCall(sel, id, text);
      if (ok) out.push({ name, from: id.from, to: id.to });
    }
    const matchers = sel.getChild('LabelMatchers');
    if (matchers) fromMatchers(matchers, text, out);
    more = skipSubtree(c);
  }
  return out.filter((m) => m.name.length > 0);
}

// The one door to the PromQL grammar. lezer-promql marks errors with `⚠` nodes; only the first
// one is meaningful (later ones are recovery noise), so callers ask for that one.
import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { bridgeGrammarGaps } from './grammarGaps';

export type { SyntaxNode, Tree };

/**
 * Deeper nesting is never a real query, and lezer's error recovery on it is superlinear (400k
 * nested parentheses took 6.8 s): such text is not parsed, and lint says so once.
 */
export const MAX_PROMQL_DEPTH = 256;

export function parsePromql(text: string): Tree {
  return parser.parse(nestingDepth(text) > MAX_PROMQL_DEPTH ? '' : bridgeGrammarGaps(text));
}

/** The deepest bracket nesting outside string literals and comments, in one pass. */
export function nestingDepth(text: string): number {
  let depth = 0, max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') { if (++depth > max) max = depth; }
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\' && c !== '`') i++;
    } else if (c === '#') { while (i < text.length && text[i] !== '\n') i++; }
  }
  return max;
}

/** The first error node in document order, or undefined when the text parses clean. */
export function firstError(tree: Tree): SyntaxNode | undefined {
  // A bare cursor walk: about half the cost of tree.iterate with callbacks.
  const c = tree.cursor();
  do { if (c.type.isError) return c.node; } while (c.next());
  return undefined;
}

/** True when the text holds only whitespace and `#` comments (the grammar calls that an error). */
export function isBlankPromql(text: string): boolean {
  return /^(\s|#[^\n]*)*$/.test(text);
}

/** 'ok', 'incomplete' (fails only at its very end, so more text may complete it) or 'error'. */
export type ParseStatus = 'ok' | 'incomplete' | 'error';

export function parseStatus(text: string, tree = parsePromql(text)): ParseStatus {
  const err = firstError(tree);
  if (!err) return 'ok';
  return err.from === err.to && isBlankPromql(text.slice(err.from)) ? 'incomplete' : 'error';
}

/** The value of a PromQL string literal (quotes removed, common escapes undone). */
export function stringValue(literal: string): string {
  const q = literal[0];
  const closed = literal.length > 1 && literal[literal.length - 1] === q;
  const inner = literal.slice(1, closed ? -1 : undefined);
  if (q === '`') return inner;
  return inner.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c);
}

export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr',
  'AnchoredExpr', 'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector',
  'StepInvariantExpr',
]);

export function isExprNode(node: SyntaxNode): boolean {
  return EXPR_NODES.has(node.name);
}

/** The expression children of a node (operands, arguments), in order. */
export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (EXPR_NODES.has(c.name)) out.push(c);
  return out;
}

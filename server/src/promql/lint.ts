// One PromQL expression in, its problems out: syntax first (the first error only), then the
// semantic checks, which only make sense on a tree that parsed clean.
import type { PromqlProblem } from './problem';
import { isBlankPromql, MAX_PROMQL_DEPTH, nestingDepth, parsePromql, type Tree } from './parse';
import { syntaxProblem } from './syntax';
import { typeCheck } from './typecheck';
import { typeName } from './functions';

export interface LintOptions {
  /** Rule expressions are evaluated as instant queries whose result must be a vector or scalar. */
  context?: 'query' | 'rule';
}

export interface LintResult {
  tree: Tree;
  problems: PromqlProblem[];
  /** Whether the text parsed without a syntax error. */
  parsed: boolean;
}

export function lintExpression(text: string, opts: LintOptions = {}): LintResult {
  const tree = parsePromql(text);
  const depth = nestingDepth(text);
  if (depth > MAX_PROMQL_DEPTH) {
    return { tree, parsed: false, problems: [{ from: 0, to: Math.min(text.length, 200), code: 'promql/too-deep', severity: 'warning', message: `Brackets nested ${depth} deep (the limit is ${MAX_PROMQL_DEPTH}): this expression is not checked.` }] };
  }
  if (isBlankPromql(text)) return { tree, problems: [], parsed: false };
  const syntax = syntaxProblem(text, tree);
  if (syntax) return { tree, problems: [syntax], parsed: false };
  const { type, problems } = typeCheck(tree.topNode, text);
  if (!problems.length && opts.context === 'rule' && (type === 'matrix' || type === 'string')) {
    const trimmed = text.trimEnd();
    problems.push({
      from: text.length - text.trimStart().length, to: trimmed.length, code: 'promql/type', severity: 'error',
      message: `A rule's expression must give an instant vector or scalar, got ${typeName(type)}.`,
    });
  }
  return { tree, problems, parsed: true };
}

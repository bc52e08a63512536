// The one door to the LogQL grammar (Grafana's lezer-logql, the grammar of Loki's own query
// editor). As with PromQL, errors are `⚠` nodes and only the first is meaningful.
import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode, Tree } from '@lezer/common';

export type { SyntaxNode, Tree };

export function parseLogql(text: string): Tree {
  return parser.parse(text);
}

export function firstError(tree: Tree): SyntaxNode | undefined {
  const c = tree.cursor();
  do { if (c.type.isError) return c.node; } while (c.next());
  return undefined;
}

/** Only whitespace and `#` comments: nothing to check (the grammar calls that an error). */
export function isBlankLogql(text: string): boolean {
  return /^(\s|#[^\n]*)*$/.test(text);
}

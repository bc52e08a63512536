// The one door to the LogQL grammar (Grafana's lezer-logql, the grammar of Loki's own query
// editor). As with PromQL, errors are `⚠` nodes and only the first is meaningful, and a text of
// only `#` comments parses as an error: both helpers are grammar-agnostic, so PromQL's serve here.
import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { firstError, isBlankPromql } from '../promql/parse';

export type { SyntaxNode, Tree };
export { firstError };

export function parseLogql(text: string): Tree {
  return parser.parse(text);
}

/** Only whitespace and `#` comments: nothing to check (the grammar calls that an error). */
export const isBlankLogql = isBlankPromql;

// Hover inside a PromQL expression: a function's or aggregation's signature and doc.
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { aggregationSig, aggregationSignatureText, functionSig, signatureText } from './functions';
import { parsePromql } from './parse';

export interface PromqlHover {
  contents: MarkupContent;
  /** Span of the hovered name in the expression. */
  from: number;
  to: number;
}

export function promqlHover(expr: string, offset: number): PromqlHover | undefined {
  const tree = parsePromql(expr);
  for (const side of [1, -1] as const) {
    for (let n: ReturnType<typeof tree.resolveInner> | null = tree.resolveInner(offset, side); n; n = n.parent) {
      if (n.name !== 'FunctionIdentifier' && n.name !== 'AggregateOp') continue;
      const name = expr.slice(n.from, n.to);
      const f = n.name === 'FunctionIdentifier' ? functionSig(name) : undefined;
      const a = n.name === 'AggregateOp' ? aggregationSig(name) : undefined;
      const sig = f ? signatureText(f) : a ? aggregationSignatureText(a) : undefined;
      if (!sig) return undefined;
      const doc = f?.doc ?? a?.doc ?? '';
      const experimental = f?.experimental ? '\n\n*Experimental: needs `--enable-feature=promql-experimental-functions`.*' : '';
      return { contents: { kind: MarkupKind.Markdown, value: `\`\`\`promql\n${sig}\n\`\`\`\n${doc}${experimental}` }, from: n.from, to: n.to };
    }
  }
  return undefined;
}

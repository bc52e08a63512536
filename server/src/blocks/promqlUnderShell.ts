// PromQL pasted under a shell tag (```console, ```sh, ```bash) is checked as the PromQL it is, once
// block/language-mismatch has said so: a `//` comment or an unbalanced parenthesis there is a real
// error when the query is pasted into Prometheus, where bash's complaints would be beside the point.
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { analyzePromqlBody } from '../promql/blockAnalyzer';
import { prepareShell } from '../shell/prepare';

/**
 * A console session of queries (`$ up == 0` and its result lines) is fine as a session: what is
 * checked is each query, the prompt and the results blanked at the same length.
 */
function queriesOf(body: string): string {
  const first = body.split('\n').find((l) => l.trim());
  if (!first || !/^\s*\$ \S/.test(first)) return body;
  return body.split('\n').map((l) => (/^\s*\$ /.test(l) ? l.replace(/\$ /, '  ') : l.replace(/\S/g, ' '))).join('\n');
}

export function promqlUnderShellFindings(body: string): BlockFindings {
  if (prepareShell(body).foreign?.kind !== 'promql') return {};
  const found = analyzePromqlBody(queriesOf(body));
  // The parser says "Unexpected `/`" at a `//` comment; what the author needs is the PromQL way.
  for (const d of found.diagnostics ?? []) {
    const lineStart = body.lastIndexOf('\n', d.span.start - 1) + 1;
    if (d.code !== 'promql/syntax' || !/^[ \t]*\/\/$/.test(body.slice(lineStart, d.span.start + 2))) continue;
    const at = body.indexOf('//', lineStart);
    d.span = { start: at, end: at + 2 };
    d.message = 'PromQL has no `//` comments: start the line with `#`.';
    d.fixes = [{ title: 'Make it a `#` comment', edits: [{ span: { start: at, end: at + 2 }, newText: '#' }], isPreferred: true }];
  }
  return found;
}

export const promqlUnderShell: BlockAnalyzer = {
  id: 'block/promql-under-shell',
  appliesTo: (b) => b.lang === 'shell',
  analyze: (block) => promqlUnderShellFindings(block.body),
};

// A response pasted under the command that produced it (`curl …/health` then `{ "status": … }`)
// is the commonest wrong-language content in field runbooks. Those lines are output, not shell:
// find them so that the mismatch check can name them and the shell checks can skip them.
import { parsesAsJson } from '../blocks/jsonLike';
import { kindAt, type Region } from './lexer';
import { lineStarts } from './columns';

export interface JsonSpan { start: number; end: number; startLine: number; endLine: number }

const opener = /^[ \t]*(?:[{\[][ \t]*$|\{[ \t]*"|\[[ \t]*[{\["\d])/;
const closer = /^[ \t]*[}\]]/;
const maxLines = 2000;

export function findEmbeddedJson(text: string, regions: Region[]): JsonSpan[] {
  const starts = lineStarts(text);
  const lineText = (n: number) => text.slice(starts[n], n + 1 < starts.length ? starts[n + 1] - 1 : text.length);
  const spans: JsonSpan[] = [];
  for (let n = 0; n < starts.length; n++) {
    const first = lineText(n);
    if (!opener.test(first) || kindAt(regions, starts[n] + first.search(/\S/)) !== 'code') continue;
    for (let m = n; m < Math.min(starts.length, n + maxLines); m++) {
      const last = lineText(m);
      if (!(m === n ? /[}\]][ \t]*$/.test(last) : closer.test(last))) continue;
      const end = starts[m] + last.length;
      if (parsesAsJson(text.slice(starts[n], end))) {
        spans.push({ start: starts[n], end, startLine: n, endLine: m });
        n = m;
        break;
      }
    }
  }
  return spans;
}

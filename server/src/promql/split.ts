// Splitting a promql block into expressions, driven by the parser: keep joining lines while the
// text still parses, or fails only at its very end, or leaves a bracket open. On field runbooks
// "whole block" and "blank-line paragraphs" both gave false errors and "one per line" broke
// multi-line expressions.
import { parsePromql, parseStatus } from './parse';

export interface Statement {
  /** Offsets into the block body; `text` is body.slice(from, to). */
  from: number;
  to: number;
  text: string;
}

const isSkippable = (line: string) => /^\s*(#.*)?$/.test(line);

function openBrackets(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') { const nl = text.indexOf('\n', i); if (nl < 0) break; i = nl; }
    else if (c === '"' || c === "'") { const j = text.indexOf(c, i + 1); const nl = text.indexOf('\n', i); if (j < 0 || (nl >= 0 && nl < j)) break; i = j; }
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return depth;
}

export function splitStatements(body: string): Statement[] {
  const lines: { from: number; to: number }[] = [];
  let pos = 0;
  for (const line of body.split('\n')) { lines.push({ from: pos, to: pos + line.length }); pos += line.length + 1; }
  const lineText = (i: number) => body.slice(lines[i].from, lines[i].to);
  const out: Statement[] = [];
  let i = 0;
  while (i < lines.length) {
    if (isSkippable(lineText(i))) { i++; continue; }
    const from = lines[i].from;
    let end = i;
    let status = parseStatus(body.slice(from, lines[end].to));
    for (let j = i + 1; j < lines.length; j++) {
      if (isSkippable(lineText(j))) continue;
      const current = body.slice(from, lines[end].to);
      const joined = body.slice(from, lines[j].to);
      const next = parseStatus(joined, parsePromql(joined));
      if (next === 'error' && status === 'ok') break;
      if (next === 'error' && status === 'error' && openBrackets(current) <= 0) break;
      if (next === 'error' && status === 'incomplete' && openBrackets(current) <= 0 && parseStatus(lineText(j)) !== 'error') break;
      end = j;
      status = next;
    }
    const to = lines[end].to;
    out.push({ from, to, text: body.slice(from, to) });
    i = end + 1;
  }
  return out;
}

// The text of a YAML scalar rebuilt from its source with a map back to it. PromQL treats line
// breaks as spaces, so folded and literal block scalars both read as their lines joined by '\n'.
import type { Scalar } from 'yaml';
import { MappedText } from '../promql/mappedText';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', '0': '\0', ' ': ' ' };

function doubleQuoted(src: string, from: number, to: number): MappedText {
  const m = new MappedText();
  let i = from;
  while (i < to) {
    const c = src[i];
    if (c === '\\' && i + 1 < to) {
      const e = src[i + 1];
      if (e === '\n') { m.replace('', i, i + 2); i += 2; continue; }
      m.replace(ESCAPES[e] ?? e, i, i + 2);
      i += 2;
      continue;
    }
    m.copy(c, i);
    i++;
  }
  return m;
}

function singleQuoted(src: string, from: number, to: number): MappedText {
  const m = new MappedText();
  for (let i = from; i < to; i++) {
    if (src[i] === "'" && src[i + 1] === "'") { m.replace("'", i, i + 2); i++; } else m.copy(src[i], i);
  }
  return m;
}

function blockScalar(src: string, from: number, to: number): MappedText {
  const m = new MappedText();
  const headerEnd = src.indexOf('\n', from);
  if (headerEnd < 0 || headerEnd >= to) return m;
  const explicit = /^[|>][+-]?([1-9])/.exec(src.slice(from, headerEnd));
  let pos = headerEnd + 1;
  let indent = -1;
  let first = true;
  while (pos < to) {
    const nl = src.indexOf('\n', pos);
    const end = nl < 0 || nl > to ? to : nl;
    const line = src.slice(pos, end);
    if (line.trim() !== '') {
      if (indent < 0) indent = explicit ? Number(explicit[1]) : line.length - line.trimStart().length;
      if (!first) m.replace('\n', pos - 1, pos);
      m.copy(line.slice(indent), pos + indent);
      first = false;
    }
    pos = end + 1;
  }
  return m;
}

export function scalarText(node: Scalar, src: string): MappedText | undefined {
  if (!node.range || typeof node.value !== 'string') return undefined;
  const [from, valueEnd] = node.range;
  switch (node.type) {
    case 'QUOTE_DOUBLE': return doubleQuoted(src, from + 1, valueEnd - 1);
    case 'QUOTE_SINGLE': return singleQuoted(src, from + 1, valueEnd - 1);
    case 'BLOCK_LITERAL': case 'BLOCK_FOLDED': return blockScalar(src, from, valueEnd);
    default: return MappedText.identity(src.slice(from, valueEnd), from);
  }
}

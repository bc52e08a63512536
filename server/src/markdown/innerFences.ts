// A fence line with a language inside a code block (```` ```bash ```` where the author meant to close
// the block above): a closing fence takes no info string, so CommonMark keeps it as code and the
// block runs on, turning the next steps into prose and the next prose into "code". Found here so
// that the unclosed-fence error can name the line, and a block that closes later gets a warning.
import type { CodeBlock } from '../model/types';

export interface InnerFence {
  /** 0-based line within the body. */
  bodyLine: number;
  /** The line as written, trimmed, e.g. ```` ```bash ````. */
  text: string;
}

/** Markdown about Markdown shows fences on purpose. */
const showsMarkdown = new Set(['markdown', 'md', 'mdx', 'gfm', 'commonmark']);

export function innerFences(block: Pick<CodeBlock, 'kind' | 'fence' | 'body' | 'rawLang'>): InnerFence[] {
  if (block.kind !== 'fenced' || !block.fence || showsMarkdown.has(block.rawLang)) return [];
  const { char, length } = block.fence;
  const out: InnerFence[] = [];
  block.body.split('\n').forEach((line, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`][^`]*)$/.exec(line);
    if (m && m[1][0] === char && m[1].length >= length) out.push({ bodyLine: i, text: line.trim() });
  });
  return out;
}

// The quick fix that writes a `runbook-disable` directive for one code in one block: a comment line
// just above the fence (same container prefix, so it stays in its list item), or the code added
// to a directive already there.
import type { TextEdit } from 'vscode-languageserver-types';
import type { CodeBlock } from '../model/types';

const BLOCK_DIRECTIVE = /^([ \t>]*)<!--[ \t]*runbook-disable[ \t]+([^>]*?)[ \t]*-->[ \t]*$/;

export function silenceInBlock(text: string, block: Pick<CodeBlock, 'range'>, code: string): TextEdit {
  const lines = text.split('\n');
  const fenceLine = block.range.start.line;
  const above = (lines[fenceLine - 1] ?? '').replace(/\r$/, '');
  const existing = BLOCK_DIRECTIVE.exec(above);
  if (existing) {
    const at = above.lastIndexOf('-->');
    const before = above.slice(0, at).trimEnd().length;
    return { range: { start: { line: fenceLine - 1, character: before }, end: { line: fenceLine - 1, character: before } }, newText: ` ${code}` };
  }
  const prefix = /^[ \t>]*/.exec(lines[fenceLine] ?? '')![0];
  return { range: { start: { line: fenceLine, character: 0 }, end: { line: fenceLine, character: 0 } }, newText: `${prefix}<!-- runbook-disable ${code} -->\n` };
}

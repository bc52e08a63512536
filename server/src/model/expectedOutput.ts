// Runbooks often follow a command with "Expected output:" and an untagged block. Linking the two
// lets a run compare what it printed with what the author saw.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeBlock } from './types';

/** Only line starts are needed, so the model can answer without a whole-document TextDocument. */
export type LineOffsets = Pick<TextDocument, 'offsetAt'>;

const leadIn = /(expected|example|sample|typical)\s+(output|result|response)|\boutput\s*(:|should)|you should see|should (print|return|show)/i;
const outputTags = new Set(['', 'text', 'txt', 'output', 'plaintext', 'plain']);

export function linkExpectedOutputs(blocks: CodeBlock[], text: string, doc: LineOffsets): void {
  for (let i = 1; i < blocks.length; i++) {
    const b = blocks[i];
    if (!outputTags.has(b.rawLang)) continue;
    const intro = lastTextLineBefore(text, doc, b.range.start.line, blocks[i - 1].range.end.line);
    if (!intro || !leadIn.test(intro)) continue;
    // The output belongs to the step just above it, unless that is itself an output block.
    const owner = blocks[i - 1];
    if (owner.expectedOutputOf === undefined && owner.expectedOutput === undefined) {
      owner.expectedOutput = b.index;
      b.expectedOutputOf = owner.index;
    }
  }
}

/** The nearest non-blank line above `line`, not reaching into the previous block. */
function lastTextLineBefore(text: string, doc: LineOffsets, line: number, floor: number): string | undefined {
  for (let l = line - 1; l > floor && l >= line - 3; l--) {
    const s = doc.offsetAt({ line: l, character: 0 });
    const e = doc.offsetAt({ line: l + 1, character: 0 });
    const t = text.slice(s, e).trim();
    if (t) return t;
  }
  return undefined;
}

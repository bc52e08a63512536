// Random edit sequences in the shape an editor sends them: batches of incremental changes (LSP
// ranges computed against the document as it is at that moment), now and then a full replacement.
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { proseLine, promql } from './fragments';

/** Position-independent description of one change; made concrete against the current text. */
export interface EditSpec { at: number; del: number; insert: string }
export type Batch = { full: string } | { changes: EditSpec[] };

const insertText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', 'x', ' ', '`', '```', '```bash\n', '~~~', '````', '\n', '\r\n', '\n\n', '# ', '## Heading\n', '- ', '  ', '> ', '1. ', '\t', '😀', '\uD83D', '\uDE00', '<pod>', '$VAR', '|', '<!--', '-->', '---\n', 'rm -rf /tmp/x\n', '    indented\n') },
  { weight: 1, arbitrary: proseLine },
  { weight: 1, arbitrary: promql },
);

const editSpec: fc.Arbitrary<EditSpec> = fc.record({ at: fc.nat(), del: fc.oneof(fc.constant(0), fc.nat(4), fc.nat(200)), insert: insertText });

export const batches = (fullDoc: fc.Arbitrary<string>): fc.Arbitrary<Batch[]> => fc.array(fc.oneof(
  { weight: 12, arbitrary: fc.array(editSpec, { minLength: 1, maxLength: 3 }).map(changes => ({ changes })) },
  { weight: 1, arbitrary: fullDoc.map(full => ({ full })) },
), { minLength: 1, maxLength: 4 });

/** Turns a batch into LSP content changes, each computed against the text left by the previous one. */
export function concrete(doc: TextDocument, batch: Batch): TextDocumentContentChangeEvent[] {
  if ('full' in batch) return [{ text: batch.full }];
  let text = doc.getText();
  const out: TextDocumentContentChangeEvent[] = [];
  for (const e of batch.changes) {
    const scratch = TextDocument.create(doc.uri, 'markdown', 0, text);
    const start = e.at % (text.length + 1);
    const end = Math.min(text.length, start + e.del);
    const range = { start: scratch.positionAt(start), end: scratch.positionAt(end) };
    out.push({ range, text: e.insert });
    text = TextDocument.update(scratch, [{ range, text: e.insert }], 1).getText();
  }
  return out;
}

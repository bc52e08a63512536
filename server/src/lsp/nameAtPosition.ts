// The metric-like word under the cursor, for references and go to definition: both look it up in
// the workspace index, which must first take in any pending edits.
import type { TextDocumentPositionParams } from 'vscode-languageserver/node';
import type { FeatureContext } from './featureContext';
import { indexService } from '../index/service';
import { wordAt } from '../index/nameAt';

export function nameAtPosition(ctx: FeatureContext, p: TextDocumentPositionParams): string | undefined {
  const doc = ctx.store.documents.get(p.textDocument.uri);
  if (!doc) return undefined;
  const line = doc.getText({ start: { line: p.position.line, character: 0 }, end: { line: p.position.line + 1, character: 0 } });
  const word = wordAt(line.replace(/\r?\n$/, ''), p.position.character);
  if (word) indexService(ctx).flush();
  return word?.name;
}

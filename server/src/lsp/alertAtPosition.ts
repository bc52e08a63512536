// The alert under the cursor, for go to definition and references: a heading titled after an
// alert (`## TreasuryStuck`), or the name in a rule's `alert:` line.
import type { TextDocumentPositionParams } from 'vscode-languageserver/node';
import type { FeatureContext } from './featureContext';
import { alertNameOfHeading } from '../alertLinks/alertHeadings';
import { rulesInText } from '../alertLinks/ruleLines';

export function alertAtPosition(ctx: FeatureContext, p: TextDocumentPositionParams): { name: string; on: 'heading' | 'rule' } | undefined {
  const model = ctx.store.model(p.textDocument.uri);
  const doc = ctx.store.documents.get(p.textDocument.uri);
  if (!model || !doc) return undefined;
  const heading = model.sections.find((s) => s.headingRange.start.line === p.position.line);
  if (heading) {
    const name = alertNameOfHeading(heading.title);
    return name ? { name, on: 'heading' } : undefined;
  }
  const line = doc.getText({ start: { line: p.position.line, character: 0 }, end: { line: p.position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const rule = line.includes('alert:') ? rulesInText(line)[0] : undefined;
  return rule && p.position.character >= rule.char && p.position.character <= rule.endChar ? { name: rule.name, on: 'rule' } : undefined;
}

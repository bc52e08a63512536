// Folding by section and by code block, so a long runbook collapses to its outline.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import type { RunbookModel } from '../../model/types';

export function foldingRanges(model: RunbookModel): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of model.sections) {
    // A section's range ends at the next heading's first character, i.e. on that heading's line.
    const last = s.range.end.character === 0 ? s.range.end.line - 1 : s.range.end.line;
    if (last > s.range.start.line) out.push({ startLine: s.range.start.line, endLine: last, kind: FoldingRangeKind.Region });
  }
  for (const b of model.blocks) {
    const last = b.range.end.character === 0 ? b.range.end.line - 1 : b.range.end.line;
    if (last > b.range.start.line) out.push({ startLine: b.range.start.line, endLine: last });
  }
  if (model.frontMatter && model.frontMatter.range.end.line > 0) out.push({ startLine: 0, endLine: model.frontMatter.range.end.line, kind: FoldingRangeKind.Comment });
  return out;
}

export const foldingFeature: Feature = {
  capabilities: { foldingRangeProvider: true },
  register({ connection, store }) {
    connection.onFoldingRanges(p => {
      const model = store.model(p.textDocument.uri);
      return model ? foldingRanges(model) : [];
    });
  },
};

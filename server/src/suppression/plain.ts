// What a document's `runbook-disable` directives silence, as plain data with the blocks' ranges:
// the language server's analysis worker sends it with each pass, so that diagnostics the main
// thread adds later (unknown metrics, alert links) are silenced without a model there.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Range, RunbookModel } from '../model/types';
import { findSuppressions } from './directives';

export interface PlainSuppressions {
  file: string[];
  blocks: { range: Range; codes: string[] }[];
}

export function plainSuppressions(text: string, model: Pick<RunbookModel, 'blocks'>): PlainSuppressions {
  const s = findSuppressions(text, model);
  const blocks: PlainSuppressions['blocks'] = [];
  for (const [index, codes] of s.blocks) {
    const b = model.blocks.find(x => x.index === index);
    if (b) blocks.push({ range: b.range, codes: [...codes] });
  }
  return { file: [...s.file], blocks };
}

/** The same filter as `withoutSuppressed`, from the plain form. */
export function withoutPlainSuppressed<D extends Pick<Diagnostic, 'code' | 'range'>>(diagnostics: D[], s: PlainSuppressions): D[] {
  if (!s.file.length && !s.blocks.length) return diagnostics;
  return diagnostics.filter(d => {
    const code = String(d.code ?? '');
    if (s.file.includes(code)) return false;
    const line = d.range.start.line;
    return !s.blocks.some(b => b.codes.includes(code) && line >= b.range.start.line && line <= b.range.end.line);
  });
}

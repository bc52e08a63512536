// Drops the diagnostics a `runbook-disable` directive silences (see directives.ts).
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RunbookModel } from '../model/types';
import { findSuppressions } from './directives';

export function withoutSuppressed<D extends Pick<Diagnostic, 'code' | 'range'>>(diagnostics: D[], text: string, model: Pick<RunbookModel, 'blocks'>): D[] {
  const s = findSuppressions(text, model);
  if (!s.file.size && !s.blocks.size) return diagnostics;
  return diagnostics.filter((d) => {
    const code = String(d.code ?? '');
    if (s.file.has(code)) return false;
    for (const [index, codes] of s.blocks) {
      if (!codes.has(code)) continue;
      const b = model.blocks.find((x) => x.index === index);
      if (b && d.range.start.line >= b.range.start.line && d.range.start.line <= b.range.end.line) return false;
    }
    return true;
  });
}

// Inlay hints: each symptom's last result at the end of its line (`● present (73)`, `○ absent`,
// `? could not evaluate: …`), marked stale once older than runbook.symptoms.staleAfterSeconds.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import { runStateOf } from './runState';
import { symptomResultsOf } from './symptoms';
import { symptomsOf } from '../../symptoms/detect';
import { staleSuffix, symptomLabel } from '../../symptoms/label';
import type { RunbookModel } from '../../model/types';
import type { SymptomCheck } from '../../symptoms/results';

export function symptomHints(model: RunbookModel, text: string, check: SymptomCheck | undefined, range: Range, now: number, staleAfterMs: number): InlayHint[] {
  if (!check) return [];
  const stale = staleSuffix(check.checkedAt, now, staleAfterMs);
  const hints: InlayHint[] = [];
  for (const s of symptomsOf(model, text)) {
    if (s.lineEnd.line < range.start.line || s.lineEnd.line > range.end.line) continue;
    const r = check.results.get(s.expr);
    if (!r) continue;
    hints.push({ position: s.lineEnd, label: `${symptomLabel(r)}${stale}`, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip: `${s.expr} on ${check.env}, checked ${new Date(check.checkedAt).toISOString().slice(11, 19)} UTC` });
  }
  return hints;
}

export const inlayHintsFeature: Feature = {
  capabilities: { inlayHintProvider: true },
  register(ctx) {
    const results = symptomResultsOf(ctx);
    ctx.connection.languages.inlayHint.on(p => {
      const doc = ctx.store.documents.get(p.textDocument.uri);
      const model = ctx.store.model(p.textDocument.uri);
      if (!doc || !model) return [];
      const check = results.get(doc.uri, runStateOf(ctx).env.name);
      return symptomHints(model, doc.getText(), check, p.range, Date.now(), ctx.settings().symptoms.staleAfterSeconds * 1000);
    });
  },
};

// One LogQL query, wherever it lives, to block diagnostics in body offsets through its MappedText.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LocalDiagnostic } from '../analysis/types';
import { wholeCodePoints } from '../model/codePoints';
import type { MappedText } from '../promql/mappedText';
import { logqlProblems } from './syntax';

export const LOGQL_DOCS = 'https://grafana.com/docs/loki/latest/query/';

export function queryDiagnostics(query: MappedText): LocalDiagnostic[] {
  const span = (from: number, to: number) => query.span(...wholeCodePoints(query.text, from, to));
  return logqlProblems(query.text).map((p) => ({
    span: span(p.from, p.to),
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: p.code,
    message: p.message,
    codeDescriptionHref: LOGQL_DOCS,
    fixes: p.fixes?.map((f) => ({ title: f.title, isPreferred: true, edits: f.edits.map((e) => ({ span: span(e.from, e.to), newText: e.newText })) })),
  }));
}

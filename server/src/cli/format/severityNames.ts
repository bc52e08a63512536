// LSP severities by the names the CLI prints.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export type SeverityWord = 'error' | 'warning' | 'information' | 'hint';

const names: Record<number, SeverityWord> = {
  [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information', [DiagnosticSeverity.Hint]: 'hint',
};

export function severityWord(d: Diagnostic): SeverityWord {
  return names[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
}

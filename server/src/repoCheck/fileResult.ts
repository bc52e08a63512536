// One file's check as plain data: what a check worker sends back, what the result cache stores,
// and what the output formats (cli/format/) are written from. The same function makes it in
// every case, so the output cannot depend on which thread, or which run, computed it.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeText } from '../analysis/pipeline';
import { inputProblem } from '../analysis/inputGuard';
import type { Settings } from '../analysis/settings';
import { parallelPrewarm } from '../model/parallelParse';
import type { FileFindings } from '../cli/format/findings';

export interface FileResult {
  /** What the formats read of each diagnostic (quick fixes and other editor data are dropped). */
  diagnostics: Diagnostic[];
  blocks: NonNullable<FileFindings['blocks']>;
  metrics: NonNullable<FileFindings['metrics']>;
  errors: number;
  /**
   * False when a check could not run (a ShellCheck timeout on a busy machine, a crash turned into
   * `runbook/check-failed`): such a result says nothing lasting about the file and is not cached.
   */
  lasting: boolean;
}

export async function checkFileText(text: string, uri: string, settings: Settings): Promise<FileResult> {
  // A big file is parsed on both cores first; the analysis then finds its chunks cached.
  if (!inputProblem(text, settings)) await parallelPrewarm(text);
  const { model, analysis } = await analyzeText(text, { uri, settings, includeSlow: true });
  return {
    diagnostics: analysis.diagnostics.map(d => ({
      range: d.range, severity: d.severity, code: d.code, source: d.source, message: d.message,
      ...(d.codeDescription ? { codeDescription: d.codeDescription } : {}),
    })),
    blocks: model.blocks.map(b => ({ lang: b.lang, info: b.info, range: b.range, closed: b.closed })),
    // The expression a name came from, for the online checks (`check --env`).
    metrics: analysis.metrics.map(m => ({ name: m.name, range: m.range, source: m.source, confidence: m.confidence, ...(m.expr && m.exprRange ? { expr: m.expr, exprRange: m.exprRange } : {}) })),
    errors: analysis.diagnostics.filter(d => d.severity === DiagnosticSeverity.Error).length,
    lasting: !analysis.diagnostics.some(d => d.code === 'runbook/check-failed'),
  };
}

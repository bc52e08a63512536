// Hostile input gets one clear diagnostic instead of a parse that hangs the server: files over
// the size limit (a setting), binary files that happen to end in .md, and nesting so deep that
// the Markdown parser would take minutes or overflow its stack.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Settings } from './settings';
import { maxNesting, tooDeep } from '../model/nesting';

// The editor asks about the same text several times per keystroke (model, fast pass, full pass),
// and the nesting scan reads the whole file: the last answer is kept.
let last: { text: string; settings: Settings; problem: Diagnostic | undefined } | undefined;

export function inputProblem(text: string, settings: Settings): Diagnostic | undefined {
  if (last && last.text === text && last.settings === settings) return last.problem;
  const problem = findProblem(text, settings);
  last = { text, settings, problem };
  return problem;
}

function findProblem(text: string, settings: Settings): Diagnostic | undefined {
  const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (text.length > settings.maxFileSizeBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return { range: at0, severity: DiagnosticSeverity.Warning, code: 'runbook/too-large', source: 'runbook',
      message: `File too large to analyse (${mb(text.length)} MB; the limit is ${mb(settings.maxFileSizeBytes)} MB, setting runbook.maxFileSizeBytes).` };
  }
  if (text.slice(0, 8192).includes('\u0000')) {
    return { range: at0, severity: DiagnosticSeverity.Warning, code: 'runbook/binary', source: 'runbook',
      message: 'This file looks binary (it contains NUL bytes), so it was not analysed as a runbook.' };
  }
  const deep = tooDeep(text);
  if (deep) {
    const at = { start: { line: deep.line, character: 0 }, end: { line: deep.line, character: 0 } };
    return { range: at, severity: DiagnosticSeverity.Warning, code: 'runbook/too-deep', source: 'runbook',
      message: `Lists and quotes nest ${deep.depth} levels deep here (the limit is ${maxNesting}), too deep to analyse safely, so this file was not analysed.` };
  }
  return undefined;
}

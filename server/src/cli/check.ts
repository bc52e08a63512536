// `runbook check`: compiler-style or JSON diagnostics for every Markdown file given.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeText } from '../analysis/pipeline';
import { inputProblem } from '../analysis/inputGuard';
import { defaultSettings } from '../analysis/settings';
import { parallelPrewarm } from '../model/parallelParse';
import { collectMarkdown, UsageError } from './files';

const severityName: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information', [DiagnosticSeverity.Hint]: 'hint',
};

export async function checkCommand(args: string[]): Promise<number> {
  let format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format') format = args[++i] ?? '';
    else if (a.startsWith('--format=')) format = a.slice(9);
    else if (a.startsWith('-')) { console.error(`runbook check: unknown option '${a}'`); return 2; }
    else paths.push(a);
  }
  if (format !== 'text' && format !== 'json') { console.error(`runbook check: --format must be text or json, not '${format}'`); return 2; }
  if (!paths.length) { console.error('runbook check: give at least one file or folder'); return 2; }
  let files: string[];
  try { files = collectMarkdown(paths); } catch (e) {
    if (e instanceof UsageError) { console.error(`runbook check: ${e.message}`); return 2; }
    throw e;
  }
  let errors = 0;
  let unreadable = false;
  const report: unknown[] = [];
  for (const file of files) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (e) {
      console.error(`runbook check: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      unreadable = true;
      continue;
    }
    // A big file is parsed on both cores first; the analysis then finds its chunks cached.
    if (!inputProblem(text, defaultSettings)) await parallelPrewarm(text);
    const { model, analysis } = await analyzeText(text, { uri: pathToFileURL(resolve(file)).href, includeSlow: true });
    errors += analysis.diagnostics.filter(d => d.severity === DiagnosticSeverity.Error).length;
    if (format === 'text') {
      for (const d of analysis.diagnostics) console.log(textLine(file, d));
    } else {
      report.push({
        path: file,
        diagnostics: analysis.diagnostics.map(d => ({ range: d.range, severity: severityName[d.severity ?? 1], code: d.code, source: d.source ?? 'runbook', message: d.message })),
        blocks: model.blocks.map(b => ({ lang: b.lang, info: b.info, range: b.range, closed: b.closed })),
        metrics: analysis.metrics.map(m => ({ name: m.name, range: m.range, source: m.source, confidence: m.confidence })),
      });
    }
  }
  if (format === 'json') console.log(JSON.stringify({ files: report }, null, 2));
  else if (files.length) console.error(`${files.length} file(s) checked, ${errors} error(s)`);
  if (unreadable) return 2;
  return errors ? 1 : 0;
}

function textLine(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName[d.severity ?? 1]} ${d.code} ${d.message}`;
}

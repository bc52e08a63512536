// `runbook check`: diagnostics for every Markdown file given, in the format asked for (text,
// JSON, SARIF, GitHub annotations). The findings are collected first, then written by one
// formatter (format/), so every format shows the same findings.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeText } from '../analysis/pipeline';
import { inputProblem } from '../analysis/inputGuard';
import { defaultSettings } from '../analysis/settings';
import { parallelPrewarm } from '../model/parallelParse';
import { collectMarkdown, UsageError } from './files';
import { FORMAT_NAMES, formatterFor, isFormatName } from './format/formats';
import type { FileFindings } from './format/findings';
import { VERSION } from './version';

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
  if (!isFormatName(format)) { console.error(`runbook check: --format must be ${FORMAT_NAMES.join(', ')}, not '${format}'`); return 2; }
  if (!paths.length) { console.error('runbook check: give at least one file or folder'); return 2; }
  let files: string[];
  try { files = collectMarkdown(paths); } catch (e) {
    if (e instanceof UsageError) { console.error(`runbook check: ${e.message}`); return 2; }
    throw e;
  }
  let unreadable = false;
  const found: FileFindings[] = [];
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
    found.push({ path: file, diagnostics: analysis.diagnostics, blocks: model.blocks, metrics: analysis.metrics });
  }
  process.stdout.write(formatterFor(format, VERSION)(found));
  const errors = found.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length, 0);
  if (format === 'text' && files.length) console.error(`${files.length} file(s) checked, ${errors} error(s)`);
  if (unreadable) return 2;
  return errors ? 1 : 0;
}

// ShellCheck findings as diagnostics (source `shellcheck`, code `SCnnnn`, a link to the wiki) with
// ShellCheck's own fixes as quick fixes. Slow: it spawns a process, so the pipeline runs it in the
// background pass. Parse failures (SC1xxx) are left to `shell/syntax`, which agrees with bash.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, Fix, LocalDiagnostic, TextEditLocal } from '../analysis/types';
import type { Settings } from '../analysis/settings';
import { codePointColumnToOffset, lineStarts } from './columns';
import { prepareShell } from './prepare';
import { runShellcheck, type ShellcheckComment } from './shellcheck';
import { isShellBlock } from './syntaxAnalyzer';
import { isOutputLineFinding, nonFatalParseNotes, runbookDowngrades } from './shellcheckRunbookPolicy';

// ShellCheck's `error` level is a likely bug (SC2068), not a certain failure: by the severity policy
// (analysis/severityPolicy.ts) that is a warning; certain syntax failures are `shell/syntax`.
const severity: Record<ShellcheckComment['level'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Warning,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

export async function shellcheckFindings(body: string, settings: Settings): Promise<BlockFindings> {
  const prepared = prepareShell(body);
  if (prepared.foreign || !prepared.text.trim()) return {};
  const comments = await runShellcheck(prepared.text, { path: settings.shellcheck.path, exclude: settings.shellcheck.exclude });
  if (!comments) return {};
  const starts = lineStarts(prepared.text);
  const at = (line: number, column: number) => codePointColumnToOffset(prepared.text, starts, line, column);
  const overlapsPlaceholder = (s: number, e: number) => prepared.placeholders.some((p) => s < p.end && e > p.start);
  const diagnostics: LocalDiagnostic[] = [];
  // On a parse failure ShellCheck reports only SC1xxx notes about it; shell/syntax owns that error.
  const parseFailed = comments.some((c) => c.code < 2000 && c.level === 'error' && !nonFatalParseNotes.has(c.code));
  const lines = prepared.text.split('\n');
  // After a space behind a continuation `\`, ShellCheck also calls the next line's flag a command
  // (SC2215): one finding, SC1101, says what to fix.
  const brokenAfter = new Set(comments.filter((c) => c.code === 1101).map((c) => c.line + 1));
  for (const c of comments) {
    if (parseFailed && c.code < 2000) continue;
    if (isOutputLineFinding(c.code, lines[c.line - 1] ?? '')) continue;
    if (c.code === 2215 && brokenAfter.has(c.line)) continue;
    const start = at(c.line, c.column);
    const end = Math.max(start, at(c.endLine, c.endColumn));
    const d: LocalDiagnostic = {
      span: { start, end },
      severity: runbookDowngrades[c.code] ?? severity[c.level] ?? DiagnosticSeverity.Warning,
      code: `SC${c.code}`,
      source: 'shellcheck',
      message: c.message,
      codeDescriptionHref: `https://www.shellcheck.net/wiki/SC${c.code}`,
    };
    const edits: TextEditLocal[] = (c.fix?.replacements ?? []).map((r) => ({
      span: { start: at(r.line, r.column), end: at(r.endLine, r.endColumn) },
      newText: r.replacement,
    }));
    if (c.code === 1101 && !edits.length) {
      // ShellCheck offers no fix: delete the blanks between the `\` and the line end.
      const lineEnd = prepared.text.indexOf('\n', start);
      const tail = /^\\([ \t]+)\r?$/.exec(prepared.text.slice(start, lineEnd < 0 ? undefined : lineEnd));
      if (tail) edits.push({ span: { start: start + 1, end: start + 1 + tail[1].length }, newText: '' });
    }
    // A fix that rewrites a masked placeholder would write the mask into the runbook: drop it.
    if (edits.length && !edits.some((e) => overlapsPlaceholder(e.span.start, e.span.end))) {
      const fix: Fix<TextEditLocal> = { title: c.code === 1101 ? 'Delete the spaces after the backslash' : `Apply ShellCheck's fix for SC${c.code}`, edits, isPreferred: true };
      d.fixes = [fix];
    }
    // The documented way to accept a finding: a directive on the line before the command.
    if (c.code >= 2000) d.fixes = [...(d.fixes ?? []), disableFix(c.code, lines, starts, c.line)];
    diagnostics.push(d);
  }
  return diagnostics.length ? { diagnostics } : {};
}

/** `# shellcheck disable=SCnnnn` above the command holding 1-based `line` (before its `\` continuations). */
function disableFix(code: number, lines: string[], starts: number[], line: number): Fix<TextEditLocal> {
  let l = line - 1;
  while (l > 0 && /\\\r?$/.test(lines[l - 1] ?? '')) l--;
  const indent = /^[ \t]*/.exec(lines[l] ?? '')![0];
  const at = starts[l] ?? 0;
  return { title: `Ignore SC${code} for this command (# shellcheck disable=SC${code})`, edits: [{ span: { start: at, end: at }, newText: `${indent}# shellcheck disable=SC${code}\n` }] };
}

export const shellcheckAnalyzer: BlockAnalyzer = {
  id: 'shellcheck',
  slow: true,
  // ShellCheck has no zsh dialect: linting zsh as bash would be noise.
  appliesTo: (b) => isShellBlock(b) && b.rawLang !== 'zsh',
  analyze: (block, settings) => settings.shellcheck.enabled ? shellcheckFindings(block.body, settings) : {},
};

// `shell/syntax`: the first real syntax error of a shell block, at its exact range. Parsed after
// masking placeholders and blanking transcript output and pasted JSON, so `kill <pid>` and a
// response under its `curl` are never reported as bash errors.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, BodySpan } from '../analysis/types';
import type { CodeBlock } from '../model/types';
import { parseShellError } from './parser';
import { prepareShell } from './prepare';

export function isShellBlock(block: CodeBlock): boolean {
  return block.lang === 'shell';
}

/** The token at `offset`: from there to the next blank, or the last character before it. */
export function tokenSpan(text: string, offset: number): BodySpan {
  let start = Math.min(offset, text.length);
  if (start >= text.length || text[start] === '\n') {
    // The parser stopped at a line end or at EOF: point at the last character before it.
    let s = start - 1;
    while (s > 0 && /\s/.test(text[s])) s--;
    return s < 0 ? { start: 0, end: 0 } : { start: s, end: s + 1 };
  }
  if (/["'`]/.test(text[start])) return { start, end: start + 1 };
  let end = start;
  while (end < text.length && !/[\s;|&()<>]/.test(text[end])) end++;
  if (end === start) end = start + 1;
  return { start, end };
}

export async function shellSyntaxFindings(body: string): Promise<BlockFindings> {
  const prepared = prepareShell(body);
  if (prepared.foreign) return {};
  const error = await parseShellError(prepared.text);
  if (!error) return {};
  return {
    diagnostics: [{
      span: tokenSpan(prepared.text, error.offset),
      severity: DiagnosticSeverity.Error,
      code: 'shell/syntax',
      message: `Shell syntax error: ${error.message}`,
    }],
  };
}

export const shellSyntax: BlockAnalyzer = {
  id: 'shell/syntax',
  // mvdan/sh has no zsh dialect; parsing zsh as bash would report valid zsh as errors.
  appliesTo: (b) => isShellBlock(b) && b.rawLang !== 'zsh',
  analyze: (block) => shellSyntaxFindings(block.body),
};

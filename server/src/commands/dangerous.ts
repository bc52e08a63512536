// `command/dangerous`: the rule table applied to each command of a shell block. The findings also
// go into the model, where the run step asks for confirmation before running them.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings } from '../analysis/types';
import { prepareShell } from '../shell/prepare';
import { isShellBlock } from '../shell/syntaxAnalyzer';
import { dangerRules } from './dangerRules';

// Where a command word can start: line start, after an operator, inside `ssh host "…"` or
// `bash -c "…"`, or after a wrapper such as sudo/xargs/find -exec.
const commandStart = String.raw`(?<=(?:(?:^|[;&|({\x60!]|\$\(|\bthen|\bdo|\belse|\bssh\b[^'"\n;|&]*['"]|-c[ \t]+['"])[ \t]*|[ \t]-exec(?:dir)?[ \t]+|\bxargs[ \t]+(?:-\S+[ \t]+)*)(?:(?:sudo|nohup|time|exec|env|watch)(?:[ \t]+-{1,2}[\w-]+(?:=\S+)?)*[ \t]+)*)`;

const compiled = dangerRules.map((rule) => ({
  rule,
  re: new RegExp((rule.commandStart ? commandStart : '') + rule.pattern.source, 'gm' + (rule.pattern.flags.includes('i') ? 'i' : '')),
  // The lookbehind is costly at every offset; the bare pattern is a cheap necessary condition.
  quick: new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '')),
}));

/** The prepared text with comments blanked and line continuations joined, at the same length. */
function scanText(body: string): string {
  const prepared = prepareShell(body);
  let text = prepared.text;
  for (const r of prepared.regions) {
    if (r.kind === 'comment') text = text.slice(0, r.start) + ' '.repeat(r.end - r.start) + text.slice(r.end);
  }
  return text.replace(/\\\n/g, '  ');
}

export function dangerFindings(body: string): BlockFindings {
  const prepared = prepareShell(body);
  if (prepared.foreign) return {};
  const text = scanText(body);
  const found: NonNullable<BlockFindings['dangers']> = [];
  for (const { rule, re, quick } of compiled) {
    if (!quick.test(text)) continue;
    for (const m of text.matchAll(re)) {
      if (rule.test && !rule.test(m as RegExpExecArray)) continue;
      found.push({ rule: rule.id, reason: rule.reason, span: { start: m.index, end: m.index + m[0].replace(/[\s\\]+$/, '').length } });
    }
  }
  found.sort((a, b) => a.span.start - b.span.start);
  return {
    dangers: found,
    diagnostics: found.map((d) => ({
      span: d.span,
      severity: DiagnosticSeverity.Warning,
      code: 'command/dangerous',
      message: `Dangerous command (${d.rule}): ${d.reason}.`,
    })),
  };
}

export const dangerousCommands: BlockAnalyzer = {
  id: 'command/dangerous',
  appliesTo: isShellBlock,
  analyze: (block) => dangerFindings(block.body),
};

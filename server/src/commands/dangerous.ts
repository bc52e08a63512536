// `command/dangerous`: the rule table applied to each command of a shell block. The findings also
// go into the model, where the run step asks for confirmation before running them (one finding
// per rule, so the confirmation lists every reason); the editor shows one warning per line.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, LocalDiagnostic } from '../analysis/types';
import { lexShell } from '../shell/lexer';
import { prepareShell } from '../shell/prepare';
import { isShellBlock } from '../shell/syntaxAnalyzer';
import { classifyLines, isTranscript } from '../shell/transcript';
import { isCommandLine, looksLikeShell } from '../blocks/shellLooking';
import { commandStarts } from './commandStarts';
import { dangerRules } from './dangerRules';

const compiled = dangerRules.map((rule) => ({
  rule,
  // Command rules are tried only where a command word starts (sticky); data rules (SQL) anywhere.
  re: new RegExp(rule.pattern.source, (rule.commandStart ? 'y' : 'g') + rule.pattern.flags.replace(/[gy]/g, '')),
  // A cheap necessary condition, so most blocks skip most rules.
  quick: new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, '')),
}));

/**
 * The prepared text with comments blanked and line continuations joined, at the same length. In a
 * transcript, an unprompted line that reads as a command (`kubectl delete pod x` under a
 * `$ export NS=…` line) is scanned too: it is never run, but a reader may well paste it.
 */
function scanText(body: string): string {
  const prepared = prepareShell(body);
  let text = prepared.text;
  if (prepared.transcript) {
    let at = 0;
    for (const { line, kind } of classifyLines(body)) {
      if (kind === 'output' && unpromptedCommand(line)) text = text.slice(0, at) + line + text.slice(at + line.length);
      at += line.length + 1;
    }
  }
  // Built in one pass: a block of thousands of comment lines must not copy the text per comment.
  const parts: string[] = [];
  let from = 0;
  for (const r of text === prepared.text ? prepared.regions : lexShell(text)) {
    if (r.kind !== 'comment') continue;
    parts.push(text.slice(from, r.start), ' '.repeat(r.end - r.start));
    from = r.end;
  }
  parts.push(text.slice(from));
  return parts.join('').replace(/\\\n/g, '  ');
}

/** A known tool and a subcommand or flag, single-spaced like typing (tables align with runs). */
function unpromptedCommand(line: string): boolean {
  return isCommandLine(line) && /^[ \t]*(?:sudo\s+)?[a-z][\w.-]*\s+(?:-{1,2}[a-z]|[a-z])/.test(line) && !/\S {2,}\S/.test(line.trim());
}

type Danger = NonNullable<BlockFindings['dangers']>[number];

export function dangerFindings(body: string): BlockFindings {
  const prepared = prepareShell(body);
  if (prepared.foreign) return {};
  const text = scanText(body);
  const found: Danger[] = [];
  let starts: number[] | undefined;
  // One rule's matches come in ascending order, so overlap is only ever with the rule's last one:
  // `kubectl exec pod -- kubectl delete …` matches from both command words, and is one finding.
  let lastEnd = -1;
  const add = (id: string, reason: string, start: number, matched: string) => {
    const end = start + matched.replace(/[\s\\'"]+$/, '').length;
    if (start < lastEnd) return;
    lastEnd = end;
    found.push({ rule: id, reason, span: { start, end } });
  };
  // SQL typed at a `mysql> ` or `postgres=# ` prompt is no shell, but DROP there is still a danger.
  let dataText = text;
  for (const r of prepared.replInput) dataText = dataText.slice(0, r.start) + body.slice(r.start, r.end) + dataText.slice(r.end);
  for (const { rule, re, quick } of compiled) {
    if (!quick.test(rule.commandStart ? text : dataText)) continue;
    lastEnd = -1;
    if (!rule.commandStart) {
      for (const m of dataText.matchAll(re)) if (!rule.test || rule.test(m as RegExpExecArray)) add(rule.id, rule.reason, m.index, m[0]);
      continue;
    }
    starts ??= commandStarts(text, lexShell(text));
    for (const at of starts) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m && (!rule.test || rule.test(m))) add(rule.id, rule.reason, at, m[0]);
    }
  }
  found.sort((a, b) => a.span.start - b.span.start);
  return { dangers: found, diagnostics: perLine(text, found) };
}

/** One warning per line, naming every rule that line trips. */
function perLine(text: string, found: Danger[]): LocalDiagnostic[] {
  const byLine = new Map<number, Danger[]>();
  let line = 0, at = 0;
  for (const d of found) {
    while (true) {
      const nl = text.indexOf('\n', at);
      if (nl < 0 || nl >= d.span.start) break;
      line++; at = nl + 1;
    }
    const list = byLine.get(line) ?? [];
    if (!list.some((x) => x.rule === d.rule)) list.push(d);
    byLine.set(line, list);
  }
  return [...byLine.values()].map((list) => ({
    span: { start: Math.min(...list.map((d) => d.span.start)), end: Math.max(...list.map((d) => d.span.end)) },
    severity: DiagnosticSeverity.Warning,
    code: 'command/dangerous',
    message: `Dangerous command (${list.map((d) => d.rule).join(', ')}): ${list.map((d) => d.reason).join('; ')}.`,
  }));
}

export const dangerousCommands: BlockAnalyzer = {
  id: 'command/dangerous',
  // An untagged block of commands gets copied into a terminal all the same: its dangers are named
  // too (the mismatch hint offers the tag that makes it checkable and runnable).
  appliesTo: (b) => isShellBlock(b) || (b.lang === 'none' && b.kind === 'fenced' && (isTranscript(b.body) || looksLikeShell(b.body))),
  analyze: (block) => dangerFindings(block.body),
};

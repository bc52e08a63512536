// Console transcripts (`$ kubectl get pods` followed by its output) are common in runbooks. Only
// the command lines are shell; the output must not be parsed, linted, scanned for danger or run.
// Lines typed into another program's prompt (`mysql> `, `gpg/card> `, `(gdb) `, `PS C:\> `) are
// not shell either: they are kept apart so that SQL danger checks still see them, and never run.
import { scanShell, type PendingHeredoc } from './lexer';
import { isCommandLine } from '../blocks/shellLooking';
import { shellPrompt, replPrompt, rootPrompt } from './prompts';

export type TranscriptLineKind = 'command' | 'output' | 'repl';

/** One line: `prefix` characters of prompt, then what was typed (or output, with no prefix). */
export interface TranscriptLine { line: string; kind: TranscriptLineKind; prefix: number }

/**
 * A `#` line that is a root prompt, not a comment: the block reads `# cmd` then its output. Told
 * strictly, because a root prompt runs: a commented-out `# kubectl delete …` above a command must
 * stay a comment. So no other line may read as a command (a known tool, a flag, an operator), and
 * some line must read as output (not starting with a lower-case word).
 */
function usesRootPrompt(lines: string[]): boolean {
  let promptLines = 0;
  let outputLike = 0;
  for (const l of lines) {
    if (!l.trim()) continue;
    const root = rootPrompt.exec(l);
    if (root) { if (isCommandLine(l.slice(root[0].length))) promptLines++; continue; }
    if (isCommandLine(l) || shellPrompt(l) || looksTyped(l)) return false;
    if (!/^[a-z]/.test(l)) outputLike++;
  }
  return promptLines > 0 && outputLike > 0;
}

/**
 * `gitlab-ctl restart sidekiq`, `foo | bar`, `cmd \`: a line someone may have typed. Output
 * aligns columns with runs of spaces or puts `:` after its first word; when unsure, it is a
 * command, so the `#` lines stay comments.
 */
function looksTyped(line: string): boolean {
  return /^[a-z][\w.-]*\s.*(?:\s--?[a-z]|\s\|\s|&&|\$\(|\\$)/.test(line) || /^[a-z][\w./-]*(?: [^\s:]+){1,7}\s*$/.test(line);
}

/** The first line that says what the block is: not blank and not a comment. */
function firstSignificant(lines: string[], root: boolean): string | undefined {
  return lines.find((l) => l.trim() && (root ? true : !/^[ \t]*#/.test(l)));
}

/**
 * A block is a transcript when its first line that is not blank or a `# comment` starts with a
 * prompt (`$ `, `user@host:~$ `, `[root@node ~]# `, `sh-5.1# `, `$mac `, or `# ` as root's).
 */
export function isTranscript(body: string): boolean {
  const lines = body.split('\n');
  const root = usesRootPrompt(lines);
  const first = firstSignificant(lines, root);
  return !!first && promptLength(first, root) > 0;
}

function promptLength(line: string, root: boolean): number {
  const p = shellPrompt(line);
  if (p) return p;
  if (root) {
    const r = rootPrompt.exec(line);
    if (r && isCommandLine(line.slice(r[0].length))) return r[0].length;
  }
  return 0;
}

/**
 * Tells command lines from output and program input: prompt lines, the lines that continue them
 * (after `\`, `|`, `&&`, or inside an open quote, usually behind bash's `> `), the bodies of
 * here-documents they open, and REPL lines. Outside a transcript every line is a command except
 * REPL lines, which no shell runs.
 */
export function classifyLines(body: string): TranscriptLine[] {
  const lines = body.split('\n');
  const root = usesRootPrompt(lines);
  const first = firstSignificant(lines, root);
  // A block that opens at a REPL prompt (`mysql> select 1;` then a result table) is a transcript
  // too: what follows an unprompted line is that program's output.
  const transcript = !!first && (promptLength(first, root) > 0 || replPrompt(first) > 0);
  const out: TranscriptLine[] = [];
  let logical: string | undefined; // the command so far while it continues
  let heredocs: PendingHeredoc[] = []; // here-documents whose bodies come next, in order
  let ps2: boolean | undefined; // whether this here-document's lines carry `> ` (known from its first line)
  for (const line of lines) {
    if (heredocs.length) {
      // Only a transcript shows bash's `> ` before here-document lines; elsewhere `> x` is content.
      ps2 ??= transcript && /^[ \t]*>( |\r?$)/.test(line);
      const prefix = ps2 ? (/^[ \t]*>( |(?=\r?$))/.exec(line)?.[0].length ?? 0) : 0;
      out.push({ line, kind: 'command', prefix });
      let text = line.slice(prefix).replace(/\r$/, '');
      if (heredocs[0].stripTabs) text = text.replace(/^\t+/, '');
      if (text === heredocs[0].delim) { heredocs.shift(); ps2 = undefined; }
      continue;
    }
    if (logical !== undefined) {
      const prefix = transcript ? /^[ \t]*> /.exec(line)?.[0].length ?? 0 : 0;
      out.push({ line, kind: 'command', prefix });
      logical += '\n' + line.slice(prefix);
      ({ logical, heredocs } = settle(logical));
      continue;
    }
    const repl = replPrompt(line);
    if (repl) { out.push({ line, kind: 'repl', prefix: repl }); continue; }
    const p = transcript ? promptLength(line, root) : 0;
    if (transcript && !p) { out.push({ line, kind: 'output', prefix: 0 }); continue; }
    out.push({ line, kind: 'command', prefix: p });
    ({ logical, heredocs } = settle(line.slice(p)));
  }
  return out;
}

/** Whether the command typed so far goes on past this line, and the here-documents it opened. */
function settle(logical: string): { logical: string | undefined; heredocs: PendingHeredoc[] } {
  const t = logical.replace(/\r$/, '');
  if (/\\$/.test(t)) return { logical, heredocs: [] };
  // Most lines have no quote, here-document or trailing operator: nothing to lex.
  if (!/['"`]|<<|[|&][ \t]*$/.test(t)) return { logical: undefined, heredocs: [] };
  const scan = scanShell(t);
  const last = scan.regions[scan.regions.length - 1];
  // An open quote, or a line ending in an operator, continues on the next line (PS2 `> `).
  const openQuote = last && (last.kind === 'single' || last.kind === 'double') && last.end === t.length
    && (last.end - last.start < 2 || !t.endsWith(last.kind === 'single' ? "'" : '"'));
  if (openQuote || (last?.kind === 'code' && /(?:\||&&)[ \t]*$/.test(t))) return { logical, heredocs: [] };
  return { logical: undefined, heredocs: scan.openHeredocs };
}

/**
 * The block with prompts, output and REPL lines blanked (spaces, newlines kept), so the result has
 * the same length and every offset still points at the same character.
 */
export function transcriptCommands(body: string, lines: TranscriptLine[] = classifyLines(body)): string {
  return lines.map(({ line, kind, prefix }) =>
    kind === 'command' ? ' '.repeat(prefix) + line.slice(prefix) : line.replace(/[^\s]/g, ' ')).join('\n');
}

/** Spans (offsets into the body) of what was typed at a REPL prompt: SQL, gpg or gdb input. */
export function replInputSpans(body: string, lines: TranscriptLine[] = classifyLines(body)): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let at = 0;
  for (const { line, kind, prefix } of lines) {
    if (kind === 'repl') spans.push({ start: at + prefix, end: at + line.length });
    at += line.length + 1;
  }
  return spans;
}

/** What a transcript runs: its command lines without prompts, here-document bodies as typed. */
export function transcriptScript(body: string): string {
  return classifyLines(body).filter((l) => l.kind === 'command').map(({ line, prefix }) => line.slice(prefix)).join('\n');
}

/** The text a shell or PromQL block runs, LF only: output and REPL lines never run. */
export function runnableText(b: { lang: string; body: string }): string {
  const body = b.body.replace(/\r\n/g, '\n');
  if (b.lang !== 'shell') return body;
  const lines = classifyLines(body);
  return lines.every((l) => l.kind === 'command' && l.prefix === 0) ? body : transcriptScript(body);
}

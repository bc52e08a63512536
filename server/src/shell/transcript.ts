// Console transcripts (`$ kubectl get pods` followed by its output) are common in runbooks. Only
// the command lines are shell; the output must not be parsed, linted, scanned for danger or run.
import { scanShell, type PendingHeredoc } from './lexer';

const prompt = /^([ \t]*(?:[\w.@-]+(?::[^\s$#]*)?)?[$%] )/;
const continuation = /^([ \t]*> )/;

/** A block is a transcript when its first command line starts with a `$ ` prompt. */
export function isTranscript(body: string): boolean {
  const first = body.split('\n').find((l) => l.trim() !== '');
  return !!first && /^[ \t]*[$%] \S/.test(first);
}

/** One line of a transcript: `prefix` characters of prompt, then command text; output has none. */
interface TranscriptLine { line: string; command: boolean; prefix: number }

/**
 * Tells command lines from output: prompt lines, their `\` continuations and the bodies of
 * here-documents they open (typed after the command, often behind bash's `> ` prompt).
 */
function classify(body: string): TranscriptLine[] {
  const out: TranscriptLine[] = [];
  let logical: string | undefined; // the command so far while it continues with `\`
  let heredocs: PendingHeredoc[] = []; // here-documents whose bodies come next, in order
  let ps2: boolean | undefined; // whether this here-document's lines carry `> ` (known from its first line)
  for (const line of body.split('\n')) {
    if (heredocs.length) {
      ps2 ??= /^[ \t]*>( |\r?$)/.test(line);
      const prefix = ps2 ? (/^[ \t]*>( |(?=\r?$))/.exec(line)?.[0].length ?? 0) : 0;
      out.push({ line, command: true, prefix });
      let text = line.slice(prefix).replace(/\r$/, '');
      if (heredocs[0].stripTabs) text = text.replace(/^\t+/, '');
      if (text === heredocs[0].delim) { heredocs.shift(); ps2 = undefined; }
      continue;
    }
    const p = prompt.exec(line);
    if (!p && logical === undefined) { out.push({ line, command: false, prefix: 0 }); continue; }
    const prefix = p ? p[1].length : continuation.exec(line)?.[1].length ?? 0;
    out.push({ line, command: true, prefix });
    logical = (p ? '' : `${logical}\n`) + line.slice(prefix);
    if (/\\\s*$/.test(line)) continue;
    heredocs = scanShell(logical).openHeredocs;
    logical = undefined;
  }
  return out;
}

/**
 * The transcript with prompts and output lines blanked (spaces, newlines kept), so the result has
 * the same length and every offset still points at the same character.
 */
export function transcriptCommands(body: string): string {
  return classify(body).map(({ line, command, prefix }) =>
    command ? ' '.repeat(prefix) + line.slice(prefix) : line.replace(/[^\s]/g, ' ')).join('\n');
}

/** What a transcript runs: its command lines without prompts, here-document bodies as typed. */
export function transcriptScript(body: string): string {
  return classify(body).filter((l) => l.command).map(({ line, prefix }) => line.slice(prefix)).join('\n');
}

/** The text a shell or PromQL block runs, LF only: a transcript's output lines never run. */
export function runnableText(b: { lang: string; body: string }): string {
  const body = b.body.replace(/\r\n/g, '\n');
  return b.lang === 'shell' && isTranscript(body) ? transcriptScript(body) : body;
}

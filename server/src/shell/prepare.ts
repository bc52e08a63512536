// One view of a shell block shared by every shell check: placeholders masked, transcript output and
// pasted JSON blanked, all at the same length as the body so that offsets need no mapping.
// Memoised on the body because syntax, ShellCheck, danger and mismatch checks all ask for it.
import { kindAt, lexShell, type Region } from './lexer';
import { findPlaceholders, maskPlaceholders, type PlaceholderHit } from './placeholders';
import { classifyLines, isTranscript, replInputSpans, transcriptCommands } from './transcript';
import { findEmbeddedJson, type JsonSpan } from './embeddedJson';
import { findOutputLines, type OutputSpan } from '../blocks/outputLines';
import { foreignKinds, guessContentLanguage, type ContentGuess } from '../blocks/contentLanguage';

export interface PreparedShell {
  /** Same length as the body; only this is given to parsers and linters. */
  text: string;
  regions: Region[];
  placeholders: PlaceholderHit[];
  transcript: boolean;
  /** What was typed at a REPL prompt (`mysql> DROP …`): blanked in `text`, kept for SQL danger checks. */
  replInput: { start: number; end: number }[];
  embeddedJson: JsonSpan[];
  /** Output lines pasted among the commands without a prompt (`ls -l` rows, `kubectl get` tables). */
  embeddedOutput: OutputSpan[];
  /** What the whole body is when it is not shell at all (JSON, YAML, config, output, PromQL, HTTP). */
  foreign?: ContentGuess;
}

const cache = new Map<string, PreparedShell>();
const cacheLimit = 500;

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/** The text with the given spans blanked, in one pass (a block can have thousands of them). */
function blankSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    parts.push(text.slice(at, start), blank(text.slice(start, s.end)));
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function prepareShell(body: string): PreparedShell {
  const hit = cache.get(body);
  if (hit) return hit;
  const guess = guessContentLanguage(body);
  const foreign = foreignKinds.has(guess.kind) ? guess : undefined;
  const transcript = isTranscript(body);
  // Output and REPL lines blanked; a block of plain commands comes back unchanged.
  const lines = classifyLines(body);
  let text = transcriptCommands(body, lines);
  const replInput = replInputSpans(body, lines);
  let regions = lexShell(text);
  const embeddedJson = foreign ? [] : findEmbeddedJson(text, regions);
  text = blankSpans(text, embeddedJson);
  if (embeddedJson.length) regions = lexShell(text);
  const lexed = regions;
  const embeddedOutput = foreign ? [] : findOutputLines(text, (at) => kindAt(lexed, at) === 'code');
  text = blankSpans(text, embeddedOutput);
  if (embeddedOutput.length) regions = lexShell(text);
  const placeholders = findPlaceholders(text, regions);
  text = maskPlaceholders(text, placeholders);
  // `<it's name>` or `<"Used By:" field>` opened a quote the lexer followed; masked, it is one word.
  if (placeholders.some((p) => /['"#`]/.test(p.text))) regions = lexShell(text);
  const prepared: PreparedShell = { text, regions, placeholders, transcript, replInput, embeddedJson, embeddedOutput, foreign };
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(body, prepared);
  return prepared;
}

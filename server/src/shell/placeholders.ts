// Placeholders are the values a runbook author left for the reader to fill in: `<pid>`,
// `backup-YYYYMMDD.tgz`, `...`. Found by pattern (not by parse errors) because some of them parse
// silently as redirections (`helm rollback app <REV> -n ns`). The run step reuses this finder to
// prompt once per name, so it is a pure function of the text.
import { kindAt, lexShell, type Region } from './lexer';

export type PlaceholderKind = 'angle' | 'brace' | 'bracket' | 'date' | 'ellipsis';

export interface PlaceholderHit {
  kind: PlaceholderKind;
  /** Normalised name: `pid` for `<pid>`, the template for dates, `...` for elisions. */
  name: string;
  /** The text as written. */
  text: string;
  /** Half-open UTF-16 offsets into the scanned text. */
  start: number;
  end: number;
}

// `<name>`: letters first, then a word of name characters (`<REV>`, `<user|group>`, `<host:port>`).
// Real redirections (`< file`, `<<EOF`, `<(cmd)`, `<&3`) never match; tags glued to other tags
// (`<xml><a>`) are markup in a payload, not placeholders.
const angle = /(?<![<>\w$])<([A-Za-z][\w.:/@|-]*)>(?![\w<>])/g;
// `<provider ip from first step>`, `<"Used By:" field from the above output>`: authors describe
// the value in words. No shell operator inside, and the last word is no file descriptor, so that
// `sort <in.txt 2>/dev/null` stays a redirection.
const describedAngle = /(?<![<>\w$])<([A-Za-z"'_][^<>\n$&;|`{}=\\]{0,100}?[^\s<>\\])>(?![\w<>])/g;
// `{reason}` where bash has no brace expansion (no `,` or `..` inside); not `${x}`, `{{.Go}}`,
// `@{u}` or find's `{}`.
const brace = /(?<![$@{\w-]|-I)\{([A-Za-z_][\w-]*)\}(?!\})/g;
// `[user|group]`, `[port number]`: alternatives or words; one bare word is a glob class (`[abc]`).
const bracket = /(?<![\w$[\]])\[([A-Za-z][\w.-]*(?:\|[A-Za-z][\w.-]*)+|[A-Za-z][\w.-]*(?: [A-Za-z][\w.-]*){1,5})\](?![\w\]])/g;
const date = /(?<![A-Za-z0-9])(?:YYYY[-_/.]?MM(?:[-_/.]?DD)?|DD[-_/.]MM[-_/.]YYYY)(?:[-_T]?HH(?:[-_:]?MM(?:[-_:]?SS)?)?)?(?![A-Za-z0-9])/g;
// A standalone `...`/`…` stands for omitted arguments; `docker-entrypoint.s…` is truncated output.
const ellipsis = /(?<=^|[\s=])(?:\.\.\.|…)(?=$|[\s;|&)])/gm;

function isDescription(inner: string): boolean {
  if (!/\s/.test(inner)) return false;
  const words = inner.trim().split(/\s+/);
  if (/^&?\d+$/.test(words[words.length - 1])) return false; // `<in.txt 2>`: an fd redirection
  // `<div class="x">`, an e-mail or URL in angle brackets: markup and addresses, not values
  return !/[\w-]+=["']/.test(inner) && !/@[\w-]+\./.test(inner) && !/^\w+:\/\//.test(inner);
}

function isAddress(inner: string): boolean {
  // `John Rando <rando@example.com>`, `<https://example.com>`
  return /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(inner) || /^\w+:\/\//.test(inner);
}

/**
 * Finds placeholders in a shell snippet. Comments are skipped (nothing there is run); quoted
 * text is not, because `export ID="<deployed-contract-id>"` still needs a value. Braces and
 * brackets count only in code (in quotes and here-documents they are awk, jq, regex or config).
 */
export function findPlaceholders(text: string, regions: Region[] = lexShell(text)): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  const push = (kind: PlaceholderKind, name: string, m: RegExpMatchArray) =>
    hits.push({ kind, name, text: m[0], start: m.index!, end: m.index! + m[0].length });
  const at = (o: number) => kindAt(regions, o);
  const hasComment = regions.some((r) => r.kind === 'comment');
  for (const m of text.matchAll(angle)) {
    if (at(m.index!) !== 'comment' && !isAddress(m[1])) push('angle', m[1], m);
  }
  if (text.includes(' ')) {
    for (const m of text.matchAll(describedAngle)) {
      if (!isDescription(m[1]) || at(m.index!) === 'comment') continue;
      // A comment that started inside the text (`<step #2 output>`) was not a comment.
      if (hasComment && at(m.index! + m[0].length - 1) === 'comment' && !/\s#/.test(m[1])) continue;
      push('angle', m[1].trim(), m);
    }
  }
  if (text.includes('{')) for (const m of text.matchAll(brace)) if (at(m.index!) === 'code') push('brace', m[1], m);
  if (text.includes('[')) for (const m of text.matchAll(bracket)) if (at(m.index!) === 'code') push('bracket', m[1], m);
  for (const m of text.matchAll(date)) if (at(m.index!) !== 'comment') push('date', m[0], m);
  for (const m of text.matchAll(ellipsis)) if (at(m.index!) !== 'comment') push('ellipsis', '...', m);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // One value per place: a date template inside `<backup-YYYYMMDD>` is part of that placeholder.
  const out: PlaceholderHit[] = [];
  for (const h of hits) if (!out.length || h.start >= out[out.length - 1].end) out.push(h);
  return out;
}

/**
 * Replaces each placeholder by a word of the same length, so a parser never fails on it and every
 * offset in the masked text is the offset in the original.
 */
export function maskPlaceholders(text: string, hits: readonly PlaceholderHit[] = findPlaceholders(text)): string {
  if (!hits.length) return text;
  let out = '';
  let at = 0;
  for (const h of hits) {
    if (h.start < at) continue;
    out += text.slice(at, h.start) + maskWord(h.text);
    at = h.end;
  }
  return out + text.slice(at);
}

function maskWord(s: string): string {
  // Keep the letters so ShellCheck messages still read naturally; everything else becomes `_`.
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

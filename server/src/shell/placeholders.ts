// Placeholders are the values a runbook author left for the reader to fill in: `<pid>`,
// `backup-YYYYMMDD.tgz`, `...`. Found by pattern (not by parse errors) because some of them parse
// silently as redirections (`helm rollback app <REV> -n ns`). The run step reuses this finder to
// prompt once per name, so it is a pure function of the text.
import { lexShell, type Region } from './lexer';

export type PlaceholderKind = 'angle' | 'date' | 'ellipsis';

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

// `<name>` with letters first; inner spaces only between words (`<your namespace>`), so that
// real redirections (`< file`, `<<EOF`, `<(cmd)`, `<&3`) never match; tags glued to other tags
// (`<xml><a>`) are markup in a payload, not placeholders.
const angle = /(?<![<>\w$])<([A-Za-z][\w.:/@-]*(?: [A-Za-z][\w.:/@-]*){0,3})>(?![\w<>])/g;
const date = /(?<![A-Za-z0-9])(?:YYYY[-_/.]?MM(?:[-_/.]?DD)?|DD[-_/.]MM[-_/.]YYYY)(?:[-_T]?HH(?:[-_:]?MM(?:[-_:]?SS)?)?)?(?![A-Za-z0-9])/g;
const ellipsis = /…|(?<=^|[\s=])\.\.\.(?=$|[\s;|&)])/gm;

/**
 * Finds placeholders in a shell snippet. Comments are skipped (nothing there is run); quoted
 * text is not, because `export ID="<deployed-contract-id>"` still needs a value.
 */
export function findPlaceholders(text: string, regions: Region[] = lexShell(text)): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  for (const r of regions) {
    if (r.kind === 'comment') continue;
    const part = text.slice(r.start, r.end);
    for (const m of part.matchAll(angle)) {
      hits.push({ kind: 'angle', name: m[1], text: m[0], start: r.start + m.index, end: r.start + m.index + m[0].length });
    }
    for (const m of part.matchAll(date)) {
      hits.push({ kind: 'date', name: m[0], text: m[0], start: r.start + m.index, end: r.start + m.index + m[0].length });
    }
    for (const m of part.matchAll(ellipsis)) {
      hits.push({ kind: 'ellipsis', name: '...', text: m[0], start: r.start + m.index, end: r.start + m.index + m[0].length });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
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

// JSON as it appears in runbooks: pasted responses, often with elisions (`"0x1234…"`, a `...`
// line standing for more entries), fill-in values (`<count>`) and comments. Used both to recognise
// JSON under a wrong tag and to tell documentation (a hint) from a real JSON error.
import type { BodySpan } from '../analysis/types';

/**
 * Standalone elisions: a `...`/`…` value or element, a line that is only an elision (or a `// ...`
 * or `# ...` comment standing for more), and `{...}` for an object left out.
 */
const elisionLine = /^[ \t]*(?:(?:\/\/|#)[ \t]*)?(?:\.\.\.|…)[^\n"]*$/gm;
const elisionValue = /([:\[,][ \t]*)(?:\.\.\.|…)(?=[ \t]*[,\]}\n])/g;
const elidedObject = /\{[ \t]*(?:\.\.\.|…)[ \t]*\}/g;

export interface Elision { start: number; end: number }

/** Offsets of elisions that stand outside strings (inside strings they are valid JSON). */
export function findJsonElisions(text: string): Elision[] {
  const out: Elision[] = [];
  for (const m of text.matchAll(elisionLine)) {
    const s = m.index + m[0].search(/\.|…/);
    out.push({ start: s, end: s + (text[s] === '…' ? 1 : 3) });
  }
  for (const m of text.matchAll(elidedObject)) {
    const s = m.index + m[0].search(/\.|…/);
    out.push({ start: s, end: s + (text[s] === '…' ? 1 : 3) });
  }
  for (const m of text.matchAll(elisionValue)) {
    const s = m.index + m[1].length;
    if (!out.some((e) => e.start === s)) out.push({ start: s, end: s + (text[s] === '…' ? 1 : 3) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text with elisions turned into valid JSON (`null` values, dropped lines, no trailing commas). */
export function withoutElisions(text: string): string {
  return text
    .replace(elisionLine, '')
    .replace(elidedObject, '{}')
    .replace(elisionValue, '$1null')
    .replace(/,(\s*[\]}])/g, '$1');
}

export function parsesAsJson(text: string): boolean {
  try { JSON.parse(text); return true; } catch { /* fall through */ }
  if (!/\.\.\.|…/.test(text)) return false;
  try { JSON.parse(withoutElisions(text)); return true; } catch { return false; }
}

/** A body that is a JSON object or array (possibly with elisions), not a shell `[ test ]`. */
export function isJsonDocument(text: string): boolean {
  const t = text.trim();
  if (!/^[{\[]/.test(t) || !/[}\]]$/.test(t)) return false;
  return parsesAsJson(t);
}

/**
 * JSON-shaped text that does not parse (comments, trailing commas): braces around `"key": value`
 * lines. Enough to say "this is JSON, not shell" without claiming it is valid JSON.
 */
export function looksLikeJson(text: string): boolean {
  const lines = text.trim().split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'));
  if (lines.length < 3 || !/^[{\[]$/.test(lines[0]) || !/^[}\]],?$/.test(lines[lines.length - 1])) return false;
  const inner = lines.slice(1, -1);
  const jsonish = inner.filter((l) => /^"[^"]*"\s*:/.test(l) || /^[{}\[\]],?$/.test(l) || /^[}\]]/.test(l) || /^("|\d|true|false|null)/.test(l));
  return jsonish.length / inner.length >= 0.8;
}

/** A placeholder where a value goes: `<…>` or `$VAR`/`${VAR}`, unquoted. */
export const placeholderValue = /([:\[,][ \t]*|^[ \t]*)(<[^<>\n"]{1,80}>|\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*)(?=[ \t]*(?:[,\]}]|$))/gm;

/** Line (`//`) and block (slash-star) comments outside strings. */
export function findJsonComments(text: string): BodySpan[] {
  const out: BodySpan[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      out.push({ start: i, end: end < 0 ? text.length : end });
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) break;
      out.push({ start: i, end: end + 2 });
      i = end + 1;
    }
  }
  return out;
}

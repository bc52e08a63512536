// `json/syntax`: JSON blocks checked with JSON.parse. Responses with elisions (`"0x1234…"`, a `...`
// line) and fragments of a larger document are documentation, so those get a hint; only real
// breakage is an error.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, BodySpan, LocalDiagnostic } from '../analysis/types';
import { consoleRequests } from './consoleRequests';
import { isJsonFragment } from './jsonFragment';
import { findJsonComments, findJsonElisions, placeholderValue, withoutElisions } from './jsonLike';

export interface JsonError { offset: number; message: string }

function parseError(text: string): JsonError | undefined {
  try { JSON.parse(text); return undefined; } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(raw);
    const message = raw.replace(/ in JSON at position \d+.*$/, '').replace(/, (?:\.\.\.)?".*$/s, '');
    return { offset: at ? Number(at[1]) : lastValidPrefix(text), message };
  }
}

/** Where the input stops being a valid JSON prefix, for errors V8 reports without a position. */
function lastValidPrefix(text: string): number {
  const ok = (k: number) => {
    try { JSON.parse(text.slice(0, k)); return true; } catch (e) {
      const m = e instanceof Error ? e.message : '';
      return /Unexpected end of JSON input/.test(m) || new RegExp(`at position ${k}\\b`).test(m) || /^Unterminated string/.test(m);
    }
  };
  let lo = 0, hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export function jsonFindings(body: string): BlockFindings {
  // Templates (`{{ .Values.x }}`) are not JSON until rendered.
  if (!body.trim() || /\{\{|\{%/.test(body)) return {};
  if (!parseError(body)) return {};
  // The command that printed the JSON, with its prompt, often heads the block: `$ curl …/status`.
  const prompt = /^(?:[ \t]*\$ \S[^\n]*(?:\n|$))+/.exec(body);
  if (prompt && /^\s*[{\[]/.test(body.slice(prompt[0].length))) {
    const found = jsonFindings(' '.repeat(prompt[0].length) + body.slice(prompt[0].length));
    return found;
  }
  // Fill-in values (`"replicas": <count>`, `"id": $ID`) are read as numbers of the same length, so
  // offsets stay put; they are hints once the rest is valid.
  const holes: BodySpan[] = [];
  const filled = body.replace(placeholderValue, (m: string, before: string, hole: string, at: number) => {
    holes.push({ start: at + before.length, end: at + before.length + hole.length });
    return before + '0' + ' '.repeat(hole.length - 1);
  });
  // Comments (`// why`, slash-star blocks) annotate an example on purpose: blanked for the check, and one
  // warning, since the JSON fails wherever it is pasted as is. A `// ...` line is an elision.
  const comments = findJsonComments(filled).filter((c) => !/^\/\/[ \t]*(?:\.\.\.|…)/.test(filled.slice(c.start, c.end)));
  let uncommented = filled;
  for (const c of comments) uncommented = uncommented.slice(0, c.start) + uncommented.slice(c.start, c.end).replace(/[^\n]/g, ' ') + uncommented.slice(c.end);
  const found = checkFilled(uncommented);
  if (found.diagnostics?.some((d) => d.severity === DiagnosticSeverity.Error)) return found;
  const extra: LocalDiagnostic[] = holes.map((span) => ({
    span, severity: DiagnosticSeverity.Hint, code: 'placeholder',
    message: `${body.slice(span.start, span.end)} is a placeholder: replace it with a real value before using this JSON.`,
  }));
  if (comments.length) {
    extra.push({
      span: comments[0], severity: DiagnosticSeverity.Warning, code: 'json/syntax',
      message: 'JSON has no comments: this fails wherever it is pasted as JSON. Remove them, or tag the block `jsonc` if they are meant.',
      fixes: [{ title: 'Change the block\'s language to `jsonc`', edits: [{ infoString: 'jsonc' }] }],
    });
  }
  if (!extra.length) return found;
  return { diagnostics: [...(found.diagnostics ?? []), ...extra].sort((a, b) => a.span.start - b.span.start) };
}



function checkFilled(body: string): BlockFindings {
  const error = parseError(body);
  if (!error) return {};
  const elisions = findJsonElisions(body);
  const elided = elisions.length ? withoutElisions(body) : body;
  if (isJsonFragment(elided, elisions.length > 0)) {
    const first = /\S[^\n]*/.exec(body)!;
    return {
      diagnostics: [{
        span: { start: first.index, end: first.index + first[0].trimEnd().length },
        severity: DiagnosticSeverity.Hint,
        code: 'json/fragment',
        message: 'A piece of a larger JSON document (not a whole one): fine as documentation, but not valid JSON on its own.',
      }],
    };
  }
  if (elisions.length && !parseError(elided)) {
    return {
      diagnostics: elisions.map((e) => ({
        span: e,
        severity: DiagnosticSeverity.Hint,
        code: 'json/elision',
        message: 'Elided content: fine as documentation, but this block is not valid JSON as written.',
      })),
    };
  }
  const end = Math.min(body.length, error.offset + 1);
  return {
    diagnostics: [{
      span: { start: Math.min(error.offset, Math.max(0, body.length - 1)), end: Math.max(end, Math.min(error.offset, body.length)) },
      severity: DiagnosticSeverity.Error,
      code: 'json/syntax',
      ...explained(body, error),
    }],
  };
}

/**
 * The two mistakes JSON.parse words worst, said plainly with their fix: a comment (JSON has none;
 * JSONC does) and a trailing comma before `}` or `]`.
 */
function explained(body: string, error: JsonError): Pick<LocalDiagnostic, 'message' | 'fixes'> {
  const at = error.offset;
  if (body.startsWith('//', at) || body.startsWith('/*', at)) {
    return {
      message: 'JSON has no comments: remove it, or tag the block `jsonc` if the comments are meant.',
      fixes: [{ title: 'Change the block\'s language to `jsonc`', edits: [{ infoString: 'jsonc' }] }],
    };
  }
  const comma = /,\s*$/.exec(body.slice(0, at));
  if (comma && /^[}\]]/.test(body.slice(at))) {
    const c = comma.index;
    return {
      message: `JSON allows no comma before \`${body[at]}\`: remove it.`,
      fixes: [{ title: 'Remove the trailing comma', edits: [{ span: { start: c, end: c + 1 }, newText: '' }], isPreferred: true }],
    };
  }
  // Python's repr and JavaScript object literals pasted as JSON.
  if (body[at] === "'") return { message: 'JSON strings and keys take double quotes, not single ones.' };
  if (/^[A-Za-z_$][\w$]*\s*:/.test(body.slice(at)) && /[{,]\s*$/.test(body.slice(0, at))) return { message: 'JSON keys take double quotes: write `"key": value`.' };
  return { message: `JSON syntax error: ${error.message}` };
}

export const jsonSyntax: BlockAnalyzer = {
  id: 'json/syntax',
  // jsonc/json5 allow comments and more; only strict JSON is checked. A console request
  // (`GET _search` + body) is checked by consoleRequestBodies, body by body.
  appliesTo: (b) => b.lang === 'json' && b.rawLang === 'json',
  analyze: (block) => (consoleRequests(block.body) ? {} : jsonFindings(block.body)),
};

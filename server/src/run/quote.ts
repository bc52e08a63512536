// Works out the shell quoting context at a point of a block and quotes a value for it, so that a
// placeholder value is always one literal piece of text: no word splitting, globbing, expansion
// or command substitution, whatever it contains.
import { lexShell, kindAt, type Region } from '../shell/lexer';

export type QuoteContext = 'bare' | 'double' | 'single' | 'ansi' | 'heredoc' | 'heredocQuoted' | 'comment' | 'backtick' | 'param';

type Frame = { ctx: QuoteContext; cmd?: number /* open parens inside $( */ };

/** Where a scan of a block stopped: passing it back resumes there (offsets must not decrease). */
export interface ContextScan { stack: Frame[]; i: number }

export function contextScan(): ContextScan {
  return { stack: [{ ctx: 'bare', cmd: 0 }], i: 0 };
}

/**
 * The context in force at `offset` (the start of a placeholder) in `text`. With a `scan` carried
 * from one call to the next, n placeholders cost one pass over the block instead of n.
 */
export function contextAt(text: string, offset: number, regions: Region[] = lexShell(text), scan: ContextScan = contextScan()): QuoteContext {
  const stack = scan.stack;
  let i = scan.i;
  while (i < offset) {
    const k = kindAt(regions, i);
    if (k === 'heredoc' || k === 'heredocQuoted') { i = regionAt(regions, i).end; continue; }
    const top = stack[stack.length - 1], c = text[i], n = text[i + 1];
    switch (top.ctx) {
      case 'bare':
        if (c === '\\') { i += 2; continue; }
        if (c === "'") stack.push({ ctx: 'single' });
        else if (c === '$' && n === "'") { stack.push({ ctx: 'ansi' }); i++; }
        else if (c === '"') stack.push({ ctx: 'double' });
        else if (c === '`') stack.push({ ctx: 'backtick' });
        else if (c === '$' && n === '(') { stack.push({ ctx: 'bare', cmd: 0 }); i++; }
        else if (c === '$' && n === '{') { stack.push({ ctx: 'param' }); i++; }
        else if (c === '(') top.cmd = (top.cmd ?? 0) + 1;
        else if (c === ')') { if (top.cmd) top.cmd--; else if (stack.length > 1) stack.pop(); }
        else if (c === '#' && (i === 0 || /[\s;|&()]/.test(text[i - 1]))) stack.push({ ctx: 'comment' });
        break;
      case 'double':
        if (c === '\\') { i += 2; continue; }
        if (c === '"') stack.pop();
        else if (c === '`') stack.push({ ctx: 'backtick' });
        else if (c === '$' && n === '(') { stack.push({ ctx: 'bare', cmd: 0 }); i++; }
        else if (c === '$' && n === '{') { stack.push({ ctx: 'param' }); i++; }
        break;
      case 'single': if (c === "'") stack.pop(); break;
      case 'ansi': if (c === '\\') { i += 2; continue; } if (c === "'") stack.pop(); break;
      case 'backtick': if (c === '\\') { i += 2; continue; } if (c === '`') stack.pop(); break;
      case 'param': if (c === '}') stack.pop(); break;
      case 'comment': if (c === '\n') stack.pop(); break;
    }
    i++;
  }
  scan.i = i;
  const hk = kindAt(regions, offset);
  if (hk === 'heredoc' || hk === 'heredocQuoted') return hk;
  return stack[stack.length - 1].ctx;
}

function regionAt(regions: Region[], offset: number): Region {
  let lo = 0, hi = regions.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offset >= regions[mid].end) lo = mid + 1; else hi = mid;
  }
  return regions[lo];
}

export class UnsafeSubstitutionError extends Error {}

/** A bare word that needs no quotes (keeps the confirmed command readable). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function singleQuote(value: string): string {
  return SAFE_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The text that replaces a placeholder in context `ctx` so that it reads as `value`, literally. */
export function quoteFor(ctx: QuoteContext, value: string, label = 'the placeholder'): string {
  if (value.includes('\0')) throw new UnsafeSubstitutionError(`The value for ${label} contains a NUL byte.`);
  switch (ctx) {
    case 'bare': return value === '' ? "''" : singleQuote(value);
    case 'double': return value.replace(/[\\"$`]/g, (m) => `\\${m}`);
    // Close the quote, add an escaped quote, reopen: 'it'\''s'.
    case 'single': return value.replace(/'/g, `'\\''`);
    case 'ansi': return value.replace(/[\\']/g, (m) => `\\${m}`).replace(/\n/g, '\\n');
    case 'comment': return value.replace(/[\r\n]/g, ' ');
    case 'heredoc':
    case 'heredocQuoted':
      // A value line could equal the delimiter and end the here-document early.
      if (/[\r\n]/.test(value)) throw new UnsafeSubstitutionError(`The value for ${label} cannot contain a line break inside a here-document.`);
      return ctx === 'heredoc' ? value.replace(/[\\$`]/g, (m) => `\\${m}`) : value;
    case 'backtick':
    case 'param':
      throw new UnsafeSubstitutionError(
        `Cannot safely substitute ${label} inside ${ctx === 'backtick' ? 'backquotes' : '${…}'}; rewrite the block with $(…) or a variable.`);
  }
}

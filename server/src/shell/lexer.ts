// A light shell lexer: it only tells which parts of a snippet are code, quoted text, comments or
// here-document bodies. Heuristic checks (placeholders, variables, dangerous commands, embedded
// JSON) need that much to avoid false hits in comments and quoted payloads, and it must never
// throw on broken input, which a real parser does.

export type RegionKind = 'code' | 'single' | 'double' | 'comment' | 'heredoc' | 'heredocQuoted';

export interface Region {
  kind: RegionKind; start: number; end: number;
  /** A here-document body that runs to the end of the text: its end word never came. */
  unterminated?: boolean;
}

export interface PendingHeredoc { delim: string; stripTabs: boolean; quoted: boolean }

export interface ShellScan {
  regions: Region[];
  /** Here-documents opened on the last line, whose bodies would start after the text ends. */
  openHeredocs: PendingHeredoc[];
}

// The delimiter is one shell word, possibly partly quoted (`E"OF"`): bash ends the body at the
// word after quote removal, and any quoting at all makes the body literal.
const heredocOp = /^<<(-?)[ \t]*((?:[^\s|&;()<>'"\\]|\\[^\n]|'[^'\n]*'|"(?:[^"\\\n]|\\[^\n])*")+)/;

function unquoteWord(word: string): string {
  return word.replace(/'([^']*)'|"((?:[^"\\]|\\.)*)"|\\(.)/g,
    (_m, single?: string, double?: string, escaped?: string) => single ?? (double !== undefined ? double.replace(/\\([$`"\\])/g, '$1') : escaped ?? ''));
}

export function lexShell(text: string): Region[] {
  return scanShell(text).regions;
}

export function scanShell(text: string): ShellScan {
  const regions: Region[] = [];
  let kind: RegionKind = 'code';
  let start = 0;
  const open = (k: RegionKind, at: number) => {
    if (at > start) push(kind, start, at);
    kind = k;
    start = at;
  };
  const push = (k: RegionKind, s: number, e: number) => {
    const last = regions[regions.length - 1];
    if (last && last.kind === k && last.end === s) last.end = e;
    else regions.push({ kind: k, start: s, end: e });
  };
  let pending: PendingHeredoc[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (kind === 'code') {
      if (c === '\\') { i += 2; continue; }
      if (c === "'") { open('single', i); i++; continue; }
      if (c === '"') { open('double', i); i++; continue; }
      if (c === '#' && (i === 0 || /[\s;|&()]/.test(text[i - 1]))) { open('comment', i); i++; continue; }
      if (c === '$' && text[i + 1] === "'") { open('single', i); i += 2; continue; }
      if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<' && text[i - 1] !== '<' && !inArithmetic(i)) {
        const m = heredocOp.exec(text.slice(i, i + 200));
        if (m) {
          pending.push({ delim: unquoteWord(m[2]), stripTabs: m[1] === '-', quoted: /['"\\]/.test(m[2]) });
          i += m[0].length;
          continue;
        }
      }
      if (c === '\n' && pending.length) { i = readHeredocs(i + 1); continue; }
      i++;
    } else if (kind === 'single') {
      if (c === "'") { i++; open('code', i); continue; }
      // $'...' strings honour backslash escapes; plain single quotes do not.
      if (c === '\\' && text[start] === '$') { i += 2; continue; }
      i++;
    } else if (kind === 'double') {
      if (c === '\\') { i += 2; continue; }
      if (c === '"') { i++; open('code', i); continue; }
      i++;
    } else { // comment
      if (c === '\n') {
        open('code', i);
        if (pending.length) { i = readHeredocs(i + 1); continue; }
      }
      i++;
    }
  }
  if (text.length > start) push(kind, start, text.length);
  return { regions, openHeredocs: pending };

  /** `$((1 << 2))` shifts; it does not start a here-document. */
  function inArithmetic(at: number): boolean {
    const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
    return (line.match(/\(\(/g)?.length ?? 0) > (line.match(/\)\)/g)?.length ?? 0);
  }

  /** Consumes here-document bodies starting at `from` (a line start); returns the next index. */
  function readHeredocs(from: number): number {
    open('code', from);
    let pos = from;
    for (const h of pending) {
      const bodyStart = pos;
      let end = -1;
      while (pos < text.length) {
        const nl = text.indexOf('\n', pos);
        const lineEnd = nl < 0 ? text.length : nl;
        // A CRLF runbook ends its here-documents with `EOF\r`; what runs is converted to LF.
        let line = text.slice(pos, lineEnd).replace(/\r$/, '');
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delim) { end = pos; pos = nl < 0 ? text.length : nl + 1; break; }
        pos = nl < 0 ? text.length : nl + 1;
      }
      const bodyEnd = end < 0 ? text.length : end;
      if (bodyEnd > bodyStart) {
        push(h.quoted ? 'heredocQuoted' : 'heredoc', bodyStart, bodyEnd);
        if (end < 0) regions[regions.length - 1].unterminated = true;
      }
      if (end >= 0) push('code', end, pos);
    }
    pending = [];
    start = pos;
    kind = 'code';
    return pos;
  }
}

/** The region holding an offset (regions are sorted and disjoint), or undefined between them. */
export function regionAt(regions: Region[], offset: number): Region | undefined {
  let lo = 0, hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** The region kind at each offset, for callers that ask point queries. */
export function kindAt(regions: Region[], offset: number): RegionKind {
  return regionAt(regions, offset)?.kind ?? 'code';
}

// Just enough of the shell's word rules to pull a PromQL argument out of a command line: quotes
// and escapes undone, operators split, comments dropped, expansions flagged, and every character
// mapped back to its source. Works on a MappedText so that a quoted command (`watch -n5 '…'`,
// `sh -c "…"`) can be lexed again with positions still pointing at the block.
import { MappedText } from './mappedText';

export interface ShellToken {
  kind: 'word' | 'op';
  value: MappedText;
  /** The word contains `$name`, `${…}`, `$(…)` or backquotes outside single quotes. */
  expands: boolean;
}

const OPS = ['&&', '||', ';;', '|&', '|', ';', '&', '(', ')', '\n'];
const DQ_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);
const ANSI: Record<string, string> = { n: '\n', t: '\t', r: '\r', "'": "'", '"': '"', '\\': '\\', a: '\x07', e: '\x1b' };

export function shellTokens(src: MappedText): ShellToken[] {
  const s = src.text;
  const out: ShellToken[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && s[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') { while (i < s.length && s[i] !== '\n') i++; continue; }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (op) { out.push({ kind: 'op', value: src.slice(i, i + op.length), expands: false }); i += op.length; continue; }
    const word = new MappedText();
    let expands = false;
    while (i < s.length) {
      const ch = s[i];
      if (ch === ' ' || ch === '\t' || ch === '\r' || OPS.some((o) => s.startsWith(o, i))) break;
      if (ch === '\\') {
        if (s[i + 1] === '\n') { i += 2; continue; }
        if (i + 1 < s.length) word.replaceFrom(s[i + 1], src, i, i + 2);
        i += 2;
        continue;
      }
      if (ch === "'") {
        const end = s.indexOf("'", i + 1);
        const stop = end < 0 ? s.length : end;
        for (let j = i + 1; j < stop; j++) word.takeFrom(src, j);
        i = stop + 1;
        continue;
      }
      if (ch === '$' && s[i + 1] === "'") {
        let j = i + 2;
        while (j < s.length && s[j] !== "'") {
          if (s[j] === '\\' && j + 1 < s.length) { word.replaceFrom(ANSI[s[j + 1]] ?? s[j + 1], src, j, j + 2); j += 2; } else word.takeFrom(src, j++);
        }
        i = j + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        while (j < s.length && s[j] !== '"') {
          if (s[j] === '\\' && DQ_ESCAPABLE.has(s[j + 1])) {
            if (s[j + 1] !== '\n') word.replaceFrom(s[j + 1], src, j, j + 2);
            j += 2;
            continue;
          }
          if ((s[j] === '$' && /[\w{(@*#?!$-]/.test(s[j + 1] ?? '')) || s[j] === '`') expands = true;
          word.takeFrom(src, j++);
        }
        i = j + 1;
        continue;
      }
      if (ch === '$' && s[i + 1] === '(') {
        expands = true;
        let depth = 0;
        let j = i + 1;
        for (; j < s.length; j++) { if (s[j] === '(') depth++; else if (s[j] === ')' && --depth === 0) break; }
        for (let k = i; k <= Math.min(j, s.length - 1); k++) word.takeFrom(src, k);
        i = j + 1;
        continue;
      }
      if ((ch === '$' && /[\w{@*#?!$-]/.test(s[i + 1] ?? '')) || ch === '`') expands = true;
      word.takeFrom(src, i++);
    }
    out.push({ kind: 'word', value: word, expands });
  }
  return out;
}

/** Tokens split into simple commands at `|`, `;`, `&&`, newlines and the like. */
export function shellCommands(tokens: ShellToken[]): ShellToken[][] {
  const cmds: ShellToken[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'op') { if (cmds[cmds.length - 1].length) cmds.push([]); continue; }
    cmds[cmds.length - 1].push(t);
  }
  return cmds.filter((c) => c.length);
}

// Prometheus compiles label regexes with Go's regexp (RE2 syntax), which JavaScript's RegExp does not
// share: `(?i)` and `\Q…\E` are fine in RE2, lookarounds and backreferences are not. This walks a
// pattern as Go's parser does and reports only what Go certainly rejects; anything it is unsure of
// (a `\p{…}` name, `(?<name>…)`, which newer Go accepts) passes.

export interface RegexProblem { index: number; length: number; message: string }

const ESCAPES = new Set('afnrtv');
const PERL_CLASSES = new Set('dDsSwW');
const POSIX = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);
const WORD = /[A-Za-z0-9]/;

/** `{n}`, `{n,}` or `{n,m}` at `i`, else undefined (then `{` is a literal, as in Go). */
function repeatAt(re: string, i: number): { min: number; max: number; to: number } | undefined {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(re.slice(i, i + 24));
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
  return { min, max, to: i + m[0].length };
}

/** One escape at `i` (re[i] === '\\'); returns its end or a problem. */
function escapeAt(re: string, i: number, inClass: boolean): number | RegexProblem {
  const c = re[i + 1];
  if (c === undefined) return { index: i, length: 1, message: 'The regex ends with a lone `\\`: escape it as `\\\\`.' };
  if (c >= '1' && c <= '9' && !(c <= '7' && /[0-7]/.test(re[i + 2] ?? ''))) {
    return { index: i, length: 2, message: `Prometheus regexes (RE2) have no backreferences: \`\\${c}\` is not allowed.` };
  }
  if (c >= '0' && c <= '7') return i + 2 + (/^[0-7]{0,2}/.exec(re.slice(i + 2))?.[0].length ?? 0);
  if (c === 'x') {
    if (re[i + 2] === '{') {
      const m = /^\{([0-9A-Fa-f]+)\}/.exec(re.slice(i + 2));
      if (!m || parseInt(m[1], 16) > 0x10ffff) return { index: i, length: 2, message: 'Bad `\\x{…}` escape: write `\\x{41}` with hex digits.' };
      return i + 2 + m[0].length;
    }
    if (!/^[0-9A-Fa-f]{2}/.test(re.slice(i + 2))) return { index: i, length: 2, message: 'Bad `\\x` escape: RE2 needs two hex digits (`\\x41`) or `\\x{41}`.' };
    return i + 4;
  }
  if (c === 'p' || c === 'P') {
    if (re[i + 2] === '{') {
      const end = re.indexOf('}', i + 3);
      return end < 0 ? { index: i, length: 2, message: '`\\p{` is never closed with `}`.' } : end + 1;
    }
    return i + 3;
  }
  if (ESCAPES.has(c) || PERL_CLASSES.has(c) || !WORD.test(c)) return i + 2;
  if (!inClass && 'bBAzQ'.includes(c)) return i + 2;
  const hint = c === 'u' ? ' Write the character itself, or `\\x{00e9}`.' : c === 'Z' ? ' Use `\\z` or `$`.' : '';
  return { index: i, length: 2, message: `\`\\${c}\` is not an escape in Prometheus regexes (RE2).${hint}` };
}

/** A bracketed class starting at `i`; returns its end or a problem. */
function classAt(re: string, i: number): number | RegexProblem {
  let j = i + 1;
  if (re[j] === '^') j++;
  let first = true;
  let prevChar: number | undefined; // the code of a plain char that may start a range
  while (j < re.length && (re[j] !== ']' || first)) {
    first = false;
    if (re.startsWith('[:', j)) {
      const end = re.indexOf(':]', j + 2);
      if (end > 0) {
        const name = re.slice(j + 2, end).replace(/^\^/, '');
        if (!POSIX.has(name)) return { index: j, length: end + 2 - j, message: `\`${re.slice(j, end + 2)}\` is not a character class RE2 knows (e.g. \`[:alpha:]\`, \`[:digit:]\`).` };
        j = end + 2; prevChar = undefined; continue;
      }
    }
    if (re[j] === '-' && prevChar !== undefined && j + 1 < re.length && re[j + 1] !== ']') {
      const hiAt = j + 1;
      if (re[hiAt] !== '\\') {
        const hi = re.codePointAt(hiAt)!;
        if (hi < prevChar) return { index: j - 1, length: 3, message: `\`${re.slice(j - 1, hiAt + 1)}\` is a backwards range: write the lower character first.` };
        j = hiAt + (hi > 0xffff ? 2 : 1); prevChar = undefined; continue;
      }
      j = hiAt; prevChar = undefined; continue;
    }
    if (re[j] === '\\') {
      const end = escapeAt(re, j, true);
      if (typeof end !== 'number') return end;
      prevChar = undefined; j = end; continue;
    }
    prevChar = re.codePointAt(j)!;
    j += prevChar > 0xffff ? 2 : 1;
  }
  if (j >= re.length) return { index: i, length: 1, message: '`[` is never closed: add `]`, or escape it as `\\[`.' };
  return j + 1;
}

/** The first thing Go's regexp parser certainly rejects in `re`, if any. */
export function re2Problem(re: string): RegexProblem | undefined {
  const open: number[] = [];
  let atom = false;      // something precedes that a repetition could apply to
  let repeated = false;  // the previous item was itself a repetition (Go rejects `a**`, `a{2}{3}`)
  for (let i = 0; i < re.length;) {
    const c = re[i];
    const repeat = c === '{' ? repeatAt(re, i) : undefined;
    if (c === '*' || c === '+' || c === '?' || repeat) {
      let to = repeat ? repeat.to : i + 1;
      const op = re.slice(i, to);
      if (repeated) return { index: i, length: to - i, message: `\`${op}\` repeats a repetition: RE2 has no possessive or stacked quantifiers; remove it, or group first: \`(…)${op}\`.` };
      if (!atom) return { index: i, length: to - i, message: `\`${op}\` has nothing to repeat: escape it (\`\\${op[0]}\`) to match it literally.` };
      if (repeat && (repeat.min > 1000 || repeat.max > 1000 || (repeat.max >= 0 && repeat.max < repeat.min))) {
        return { index: i, length: to - i, message: `\`${op}\` is not a valid repeat count in RE2 (at most 1000, lower bound first).` };
      }
      if (re[to] === '?') to++;
      repeated = true; i = to; continue;
    }
    repeated = false;
    if (c === '\\') {
      if (re[i + 1] === 'Q') {
        const end = re.indexOf('\\E', i + 2);
        i = end < 0 ? re.length : end + 2; atom = true; continue;
      }
      const end = escapeAt(re, i, false);
      if (typeof end !== 'number') return end;
      atom = true; i = end; continue;
    }
    if (c === '[') {
      const end = classAt(re, i);
      if (typeof end !== 'number') return end;
      atom = true; i = end; continue;
    }
    if (c === '(') {
      if (re[i + 1] === '?') {
        const rest = re.slice(i + 2, i + 40);
        if (/^(=|!|<=|<!|>|#|P=|P>)/.test(rest)) {
          const what = /^[=!]|^<[=!]/.test(rest) ? 'lookahead or lookbehind' : rest[0] === '#' ? 'comments' : rest[0] === '>' ? 'atomic groups' : 'backreferences';
          return { index: i, length: 3 + (rest[0] === '<' || rest[0] === 'P' ? 1 : 0), message: `Prometheus regexes (RE2) have no ${what}: \`${re.slice(i, i + 3)}\` is not supported.` };
        }
        const named = /^P<([^>]*)>/.exec(rest);
        if (named) {
          if (!/^\w+$/.test(named[1])) return { index: i, length: named[0].length + 2, message: `\`(?P<${named[1]}>\` is not a valid group name: use letters, digits and \`_\`.` };
          open.push(i); atom = false; i += 2 + named[0].length; continue;
        }
        if (rest[0] === '<') { open.push(i); atom = false; i = re.indexOf('>', i) + 1 || re.length; continue; }
        const flags = /^([imsU]*)(-([imsU]*))?([:)])/.exec(rest);
        if (!flags || (flags[2] !== undefined && !flags[3])) {
          return { index: i, length: 3, message: `\`${re.slice(i, i + 3)}\` is not a group RE2 knows: flags are \`i\`, \`m\`, \`s\`, \`U\`, as in \`(?i)\` or \`(?i:…)\`.` };
        }
        if (flags[4] === ':') open.push(i);
        atom = false; i += 2 + flags[0].length; continue;
      }
      open.push(i); atom = false; i++; continue;
    }
    if (c === ')') {
      if (!open.length) return { index: i, length: 1, message: 'Unmatched `)` in the regex: remove it, or escape it as `\\)`.' };
      open.pop(); atom = true; i++; continue;
    }
    if (c === '|') { atom = false; i++; continue; }
    atom = true;
    i += (re.codePointAt(i)! > 0xffff ? 2 : 1);
  }
  if (open.length) return { index: open[open.length - 1], length: 1, message: '`(` is never closed in the regex: add `)`, or escape it as `\\(`.' };
  return undefined;
}

/** Whether the regex, anchored as Prometheus anchors it, matches "": undefined when JS cannot tell. */
export function re2MatchesEmpty(re: string): boolean | undefined {
  if (re2Problem(re)) return undefined;
  const js = re
    .replace(/\\Q(.*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .replace(/\(\?[imsU]*(-[imsU]*)?\)/g, '')
    .replace(/\(\?[imsU]*(-[imsU]*)?:/g, '(?:')
    .replace(/\(\?P?<\w+>/g, '(')
    .replace(/\\[pP](\{[^}]*\}|\w)/g, 'a')
    .replace(/\\x\{[0-9A-Fa-f]+\}/g, 'a')
    .replace(/\\z/g, '$').replace(/\\A/g, '^');
  try { return new RegExp(`^(?:${js})$`).test(''); } catch { return undefined; }
}

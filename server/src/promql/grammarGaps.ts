// Where lezer-promql's grammar is narrower than Prometheus's own parser, the text is rewritten
// before parsing, character for character (same length, so every tree position still points into
// the original text, and callers slice names and values from the original).
//  - A number with a trailing dot (`1./6.`, `5.e3`) is a valid Go float; lezer stops at the dot.
//    The dot becomes a `0` (callers read values from the original text, never from the rewrite).
//  - Go reads `0X1F` as hex like `0x1F`; lezer knows only the lower-case prefix.
//  - `offset` where an expression starts is a metric name to Prometheus (`offset{step="1s"}`,
//    `x + offset`); lezer only knows the modifier keyword.

const EXPR_START_WORDS = /^(and|or|unless|atan2|bool)$/i;

/** The text to parse: `text` itself unless a gap applies. */
export function bridgeGrammarGaps(text: string): string {
  if (!/\d\.|0X|offset/i.test(text)) return text;
  const out = text.split('');
  let prev = ''; // the last significant token, to tell an expression start from a modifier
  let changed = false;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '#') { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' && c !== '`' ? 2 : 1;
      i = j + 1; prev = 'string'; continue;
    }
    const word = /^[A-Za-z_:][\w:]*/.exec(text.slice(i, i + 200));
    if (word) {
      if (/^offset$/i.test(word[0]) && (prev === '' || /^[(,+\-*/%^=!<>]+$/.test(prev) || EXPR_START_WORDS.test(prev))) {
        out.splice(i, word[0].length, 'o', ...'_'.repeat(word[0].length - 1));
        changed = true;
      }
      prev = word[0]; i += word[0].length; continue;
    }
    const num = /^(?:0[xX][\da-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[\w.]*/.exec(text.slice(i, i + 200));
    if (num) {
      const dot = /^\d+\.(?:[eE][+-]?\d+)?$/.test(num[0]) ? num[0].indexOf('.') : -1;
      if (dot >= 0) { out[i + dot] = '0'; changed = true; }
      if (num[0].startsWith('0X')) { out[i + 1] = 'x'; changed = true; }
      prev = num[0]; i += num[0].length; continue;
    }
    if (!/\s/.test(c)) prev = /[+\-*/%^=!<>]/.test(c) && /^[+\-*/%^=!<>]+$/.test(prev) ? prev + c : c;
    i++;
  }
  return changed ? out.join('') : text;
}

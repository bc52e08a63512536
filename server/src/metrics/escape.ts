// Text from Prometheus (label values, HELP) is untrusted: a label value must not be able to add
// links, images or HTML to a hover. Everything is rendered as literal text.

// Characters that start markup anywhere in a line. Link text needs `[`, images `![`, so escaping
// the brackets is enough to stop both; `:` breaks GFM autolinks (`http://...`).
const INLINE_SPECIAL = /[\\`*_[\]|~:]/g;
// Markup that only counts at the start of a line: headings, lists, quotes, setext underlines.
// Only ASCII punctuation can be backslash-escaped, so an ordered-list marker escapes its `.` or `)`.
const LINE_START = /^(\s*\d*)([#>+=.)-])/;

/** Literal text for a Markdown paragraph or table cell: one line, no markup, no HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/www\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(LINE_START, (_m, space: string, mark: string) => `${space}\\${mark}`);
}

/** A fenced code block that its content cannot close early (the fence outgrows any backtick run). */
export function codeFence(lang: string, body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** Inline code for a metric or label name (these are [a-zA-Z0-9_:], but be safe anyway). */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${longest ? ' ' : ''}${text.replace(/\r?\n/g, ' ')}${longest ? ' ' : ''}${ticks}`;
}

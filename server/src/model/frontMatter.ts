// Where closed front matter ends. Two reasons to know before parsing: a `# comment` line inside
// YAML front matter is not a heading (so no chunk may start there), and an opening `---` with no
// closing fence must not reach remark-frontmatter at all (micromark-extension-frontmatter#5: it
// turns every later list and block quote into a paragraph).

/** Offset just past the closing fence line of the front matter, or -1 when there is none. */
export function frontMatterEnd(text: string): number {
  const open = /^\uFEFF?(---|\+\+\+)[ \t]*\r?\n/.exec(text);
  if (!open) return -1;
  const fence = open[1] === '---' ? '---' : '\\+\\+\\+';
  const close = new RegExp(`\\n${fence}[ \\t]*(\\r?\\n|$)`).exec(text.slice(open[0].length - 1));
  return close ? open[0].length - 1 + close.index + close[0].length : -1;
}

// A "wrap in a fence" fix must put the fence lines at the indentation of the container the text
// sits in (list item, block quote), or the fence would end the container. The container's prefix
// is the text from the start of the line to `offset`, with everything but `>` and tabs blanked.
export function fencePrefix(text: string, offset: number): string {
  // A lone CR starts a line too (LSP counts it as a line break).
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return text.slice(lineStart, offset).replace(/[^>\t]/g, ' ');
}

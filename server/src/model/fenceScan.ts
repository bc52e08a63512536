// A line scan for the end of a top-level fence. Used only as a hint when glueing chunks: the
// merged chunk is re-parsed by remark, which has the final word.

/** Offset just past the line that closes the fence opened at `openAt`, or -1 if none. */
export function findFenceEnd(text: string, openAt: number): number {
  const m = /^(`{3,}|~{3,})/.exec(text.slice(openAt, openAt + 100));
  if (!m) return -1;
  const char = m[1][0];
  const len = m[1].length;
  let pos = text.indexOf('\n', openAt);
  while (pos !== -1) {
    const ls = pos + 1;
    let le = text.indexOf('\n', ls);
    if (le === -1) le = text.length;
    const line = text.slice(ls, le);
    const c = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/.exec(line);
    if (c && c[1][0] === char && c[1].length >= len) return le;
    pos = le < text.length ? le : -1;
  }
  return -1;
}

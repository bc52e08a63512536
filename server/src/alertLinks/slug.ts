// GitHub's heading anchors (the rules of github-slugger, which GitHub's own renderer follows):
// lower-case, drop everything but letters, marks, digits, connector punctuation, spaces and
// hyphens, turn each space into a hyphen, and number repeats `-1`, `-2` in document order.
const DROPPED = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

export function githubSlug(title: string): string {
  return title.toLowerCase().replace(DROPPED, '').replace(/ /g, '-');
}

/** The anchors of a document's headings, in order, repeats numbered as GitHub numbers them. */
export function headingSlugs(titles: Iterable<string>): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const t of titles) {
    const base = githubSlug(t);
    let slug = base;
    let n = seen.get(base);
    // `a`, `a`, `a-1` → a, a-1, a-1-1: a generated slug is itself taken.
    while (seen.has(slug)) { n = (n ?? 0) + 1; slug = `${base}-${n}`; seen.set(base, n); }
    seen.set(slug, 0);
    out.push(slug);
  }
  return out;
}

// Fuzzy matching for completion over very long name lists: the typed characters must appear in
// order; a prefix, a contiguous run and starts of `_`-separated words score higher.

/** Higher is better; undefined when `query` is not a subsequence of `candidate` (case-insensitive). */
export function fuzzyScore(query: string, candidate: string): number | undefined {
  const q = query.toLowerCase();
  const c = candidate.toLowerCase();
  if (!q) return 0;
  const at = c.indexOf(q);
  if (at === 0) return 1000 - c.length;
  if (at > 0) return 800 + (isWordStart(c, at) ? 100 : 0) - at - c.length;
  let score = 0;
  let ci = 0;
  let run = 0;
  for (const ch of q) {
    const found = c.indexOf(ch, ci);
    if (found < 0) return undefined;
    run = found === ci ? run + 1 : 0;
    score += 10 + run * 5 + (isWordStart(c, found) ? 15 : 0) - Math.min(found - ci, 10);
    ci = found + 1;
  }
  return score - c.length;
}

function isWordStart(s: string, i: number): boolean {
  return i === 0 || s[i - 1] === '_' || s[i - 1] === ':';
}

/** The best `max` candidates for `query`, best first. */
export function fuzzyFilter(query: string, candidates: Iterable<string>, max: number): { matches: string[]; total: number } {
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const score = fuzzyScore(query, name);
    if (score !== undefined) scored.push({ name, score });
  }
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  return { matches: scored.slice(0, max).map((s) => s.name), total: scored.length };
}

// "Did you mean": the closest metric names by edit distance. Prometheus servers hold 100k+ names,
// so the distance is bounded (it gives up past the limit) and lengths are filtered first.

/** Levenshtein distance, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** The edit budget for a name: small names get one edit, long ones up to four. */
export function editLimit(name: string): number {
  return Math.max(1, Math.min(4, Math.floor(name.length / 6)));
}

/** Up to `max` known names nearest to `name`, nearest first; ties prefer a longer shared prefix. */
export function didYouMean(name: string, known: Iterable<string>, max = 3): string[] {
  const limit = editLimit(name);
  const found: { n: string; d: number; prefix: number }[] = [];
  for (const candidate of known) {
    if (candidate === name) continue;
    const d = boundedDistance(name, candidate, limit);
    if (d <= limit) found.push({ n: candidate, d, prefix: sharedPrefix(name, candidate) });
  }
  found.sort((x, y) => x.d - y.d || y.prefix - x.prefix || x.n.localeCompare(y.n));
  return found.slice(0, max).map((f) => f.n);
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

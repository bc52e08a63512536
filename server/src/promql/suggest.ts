// "Did you mean": the closest known function or aggregation name by edit distance.
import { AGGREGATIONS, FUNCTIONS, RENAMED_FUNCTIONS } from './functions';

const NAMES = [...FUNCTIONS.map((f) => f.name), ...AGGREGATIONS.map((a) => a.name)];

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export interface Suggestion {
  name: string;
  /** True when the replacement is certain enough for a quick fix: a rename, or the only name one edit away. */
  certain: boolean;
  /** Other names as close as `name`. */
  alternatives?: string[];
}

export function suggestFunction(unknown: string): Suggestion | undefined {
  const lower = unknown.toLowerCase();
  if (RENAMED_FUNCTIONS[lower]) return { name: RENAMED_FUNCTIONS[lower], certain: true };
  if (NAMES.includes(lower)) return { name: lower, certain: true };
  const limit = Math.max(1, Math.min(3, Math.floor(unknown.length / 3)));
  let best: string[] = [];
  let bestD = Infinity;
  for (const name of NAMES) {
    if (Math.abs(name.length - lower.length) > limit) continue;
    const dist = editDistance(lower, name);
    if (dist < bestD) { bestD = dist; best = [name]; } else if (dist === bestD) best.push(name);
  }
  if (bestD > limit || best.length === 0) return undefined;
  // Among equals, a name the typo is a prefix of (`rat` → `rate`) is the likelier intent.
  best.sort((x, y) => Number(y.startsWith(lower)) - Number(x.startsWith(lower)));
  return { name: best[0], alternatives: best.slice(1, 3), certain: bestD === 1 && best.length === 1 };
}

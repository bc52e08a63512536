// Findings are published in document order. Sorting ~25,000 findings of a 2 MB runbook on every
// keystroke cost more than the keystroke's own checks, yet they arrive as a few runs that are
// each in order already (the blocks' findings, each document analyzer's), so they are merged.
// Merging sorted runs left-first gives exactly what a stable sort of their concatenation gives.
import type { Range } from '../model/types';

type Placed = { range: Range };

export function byPosition(a: Placed, b: Placed): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export function isInOrder(list: readonly Placed[]): boolean {
  for (let i = 1; i < list.length; i++) if (byPosition(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** Sorts in place (stable) unless already in order, which costs one pass. */
export function inOrder<T extends Placed>(list: T[]): T[] {
  return isInOrder(list) ? list : list.sort(byPosition);
}

/** Merges runs that are each in order into a new array; ties keep the earlier run's item first. */
export function mergeInOrder<T extends Placed>(runs: T[][]): T[] {
  let merged: T[] | undefined;
  for (const run of runs) {
    if (!run.length) continue;
    merged = merged ? mergeTwo(merged, run) : run.slice();
  }
  return merged ?? [];
}

function mergeTwo<T extends Placed>(a: T[], b: T[]): T[] {
  // The usual case: b starts after a ends (or a ends before b starts), no interleaving at all.
  if (byPosition(a[a.length - 1], b[0]) <= 0) return a.concat(b);
  const out: T[] = new Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = byPosition(b[j], a[i]) < 0 ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

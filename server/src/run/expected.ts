// Loose comparison of a run's output with the runbook's "Expected output" block. Timestamps,
// hashes, ids and numbers change on every run, so any word piece holding a digit counts as the
// same "#"; only the shape of the lines is compared, and runs of identical shapes count once
// (a listing with 3 pods matches one with 5).
import { stripAnsi } from './ansi';

export interface ExpectedMatch {
  matched: boolean;
  /** Up to a few shape differences: `- line` expected but missing, `+ line` not expected. */
  differences: string[];
}

export function lineShape(line: string): string {
  return line.trim().split(/\s+/).map((w) => w.replace(/[A-Za-z0-9_]*\d[A-Za-z0-9_]*/g, '#').replace(/#(?:[.:,]#)+/g, '#')).join(' ');
}

function shapes(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const s = lineShape(stripAnsi(raw));
    if (s && out[out.length - 1] !== s) out.push(s);
  }
  return out;
}

export function matchExpected(expected: string, actual: string, maxDifferences = 5): ExpectedMatch {
  const e = shapes(expected), a = shapes(actual);
  if (e.length === a.length && e.every((s, i) => s === a[i])) return { matched: true, differences: [] };
  const aSet = new Set(a), eSet = new Set(e);
  const differences = [
    ...e.filter((s) => !aSet.has(s)).map((s) => `- ${s}`),
    ...a.filter((s) => !eSet.has(s)).map((s) => `+ ${s}`),
  ];
  if (!differences.length) differences.push('~ same lines in a different order');
  return { matched: false, differences: differences.slice(0, maxDifferences) };
}

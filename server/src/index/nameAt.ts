// The metric-like word under the cursor, for references and go to definition. A word, not a
// PromQL parse: the cursor may sit in prose, a table, a shell line or an alert rule.

export interface WordAt { name: string; start: number; end: number }

const WORD = /[A-Za-z0-9_:]/;

export function wordAt(line: string, character: number): WordAt | undefined {
  let start = Math.min(character, line.length);
  let end = start;
  while (start > 0 && WORD.test(line[start - 1])) start--;
  while (end < line.length && WORD.test(line[end])) end++;
  // A trailing `:` belongs to YAML or prose (`metric:`), never to a name we index.
  while (end > start && line[end - 1] === ':') end--;
  const name = line.slice(start, end);
  return /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(name) ? { name, start, end } : undefined;
}

// micromark looks for the closing run of every backtick run to the end of its paragraph, so a
// line of runs of growing length (`a``a```a…, none ever closed) costs it quadratic time: 1 MB took
// 24 s. The same answer comes in one pass here: a run opens a code span only if a later run of the
// same length exists in the paragraph. When the runs that open nothing would cost micromark too
// much, they are replaced by a look-alike of the same length, which parses as the same literal
// text, so every offset stays exact and no code span is lost.

/** Characters micromark may scan looking for closers before we step in. */
const SCAN_BUDGET = 5_000_000;
const INERT = '\u00b4';

export function defuseBacktickRuns(text: string): string {
  if (text.indexOf('`') < 0) return text;
  const unmatched: { at: number; len: number }[] = [];
  let cost = 0;
  const paragraph = /\n[ \t]*(?:\r?\n|$)/g;
  let start = 0;
  for (;;) {
    const m = paragraph.exec(text);
    const end = m ? m.index : text.length;
    cost += scanParagraph(text, start, end, unmatched);
    if (!m) break;
    start = m.index + m[0].length;
    paragraph.lastIndex = start;
  }
  if (cost <= SCAN_BUDGET) return text;
  let out = '', at = 0;
  for (const r of unmatched) { out += text.slice(at, r.at) + INERT.repeat(r.len); at = r.at + r.len; }
  return out + text.slice(at);
}

/** Adds the paragraph's unmatched openers to `unmatched`; returns what micromark would scan for them. */
function scanParagraph(text: string, start: number, end: number, unmatched: { at: number; len: number }[]): number {
  const runs: { at: number; len: number }[] = [];
  for (let i = text.indexOf('`', start); i >= 0 && i < end; i = text.indexOf('`', i)) {
    let j = i;
    while (j < end && text[j] === '`') j++;
    // A run of three or more at the start of a line may be a fence: never touched.
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    if (!(j - i >= 3 && /^[ \t>]*$/.test(text.slice(lineStart, i)))) runs.push({ at: i, len: j - i });
    i = j;
  }
  if (runs.length < 2) return 0;
  // For each length, the indices of its runs in order, and how far each list has been passed.
  const byLen = new Map<number, number[]>();
  runs.forEach((r, k) => { const l = byLen.get(r.len); if (l) l.push(k); else byLen.set(r.len, [k]); });
  const passed = new Map<number, number>();
  let cost = 0;
  for (let k = 0; k < runs.length; k++) {
    const list = byLen.get(runs[k].len)!;
    let p = passed.get(runs[k].len) ?? 0;
    while (p < list.length && list[p] <= k) p++;
    passed.set(runs[k].len, p);
    if (p < list.length) { k = list[p]; continue; } // a code span up to its closer
    unmatched.push(runs[k]);
    cost += end - runs[k].at;
  }
  return cost;
}

// One table, then one PASS/FAIL line per goal of issue 9.

export interface Row { figure: string; input: string; ms?: number; value?: string; ratio?: number; note?: string }

const fmt = (ms: number) => (Number.isNaN(ms) ? 'n/a' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export function table(rows: Row[]): string {
  const head = ['figure', 'input', 'median ms', 'ours/x', 'note'];
  const cells = rows.map(r => [r.figure, r.input, r.value ?? (r.ms === undefined ? '' : fmt(r.ms)), r.ratio === undefined ? '' : Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : 'n/a', r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map(c => c[i].length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => (i >= 2 && i <= 3 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w, i) => (i >= 2 && i <= 3 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|', ...cells.map(line)].join('\n');
}

export interface Goal { name: string; pass: boolean | 'skip'; figure: string }

export function goalLines(goals: Goal[]): string {
  return goals.map(g => `${g.pass === 'skip' ? 'SKIP' : g.pass ? 'PASS' : 'FAIL'} ${g.name}: ${g.figure}`).join('\n');
}

export { fmt };

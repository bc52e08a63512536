// A step's output as the report shows it: all of it when short, else its first and last lines
// with the number left out between (the record itself keeps up to its capture limit).
export const HEAD_LINES = 10;
export const TAIL_LINES = 10;

export function outputExcerpt(output: string): { text: string; lines: number; omitted: number } {
  const lines = output.replace(/\n$/, '').split('\n');
  if (!output.trim()) return { text: '', lines: 0, omitted: 0 };
  if (lines.length <= HEAD_LINES + TAIL_LINES) return { text: lines.join('\n'), lines: lines.length, omitted: 0 };
  const omitted = lines.length - HEAD_LINES - TAIL_LINES;
  return { text: [...lines.slice(0, HEAD_LINES), `… ${omitted} lines …`, ...lines.slice(-TAIL_LINES)].join('\n'), lines: lines.length, omitted };
}

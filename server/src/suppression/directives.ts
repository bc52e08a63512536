// Silencing a check where the author knows better, written in the runbook itself so the reason
// travels with it: `<!-- runbook-disable CODE… -->` on the lines before a code block silences those
// codes in that block; `<!-- runbook-disable-file CODE… -->` anywhere silences them in the file.
// Codes are the diagnostic codes as shown (`SC2086`, `command/dangerous`, `metric/unknown`); a
// comment inside a code block is code, not a directive. There is no "disable everything".
import type { CodeBlock, RunbookModel } from '../model/types';

export interface Suppressions {
  file: ReadonlySet<string>;
  /** Codes per block index. */
  blocks: ReadonlyMap<number, ReadonlySet<string>>;
}

const DIRECTIVE = /<!--[ \t]*runbook-disable(-file)?[ \t]+([^>]*?)[ \t]*-->/g;
const NONE: Suppressions = { file: new Set(), blocks: new Map() };

/** Quick rejection: most runbooks have no directive, and this runs on every analysis. */
export function findSuppressions(text: string, model: Pick<RunbookModel, 'blocks'>): Suppressions {
  if (!text.includes('runbook-disable')) return NONE;
  const file = new Set<string>();
  const blocks = new Map<number, Set<string>>();
  const lineOf = lineIndex(text);
  for (const m of text.matchAll(DIRECTIVE)) {
    const line = lineOf(m.index!);
    if (model.blocks.some((b) => inBody(b, line))) continue;
    const codes = m[2]!.split(/[\s,]+/).filter(Boolean);
    if (m[1]) { for (const c of codes) file.add(c); continue; }
    const next = model.blocks.find((b) => b.range.start.line > line);
    if (!next) continue;
    let set = blocks.get(next.index);
    if (!set) blocks.set(next.index, set = new Set());
    for (const c of codes) set.add(c);
  }
  return { file, blocks };
}

function inBody(b: CodeBlock, line: number): boolean {
  return line > b.range.start.line && line <= b.range.end.line;
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid]! <= offset) lo = mid; else hi = mid - 1; }
    return lo;
  };
}

// Which blocks a run covers (one block, a section, the whole runbook) and running them in order,
// stopping at the first failure (runme#659).
import type { CodeBlock, RunbookModel } from '../model/types';

export type RunScope = { block: number } | { section: string } | { all: true };

/**
 * Shell and PromQL blocks run; expected-output blocks and other languages (PowerShell included,
 * which this version cannot run) never do. Run lenses, run plans and the CLI all ask this.
 */
export function isRunnableBlock(b: CodeBlock): boolean {
  if (b.expectedOutputOf !== undefined) return false;
  return b.lang === 'shell' || b.lang === 'promql';
}

export class ScopeError extends Error {}

export function planBlocks(model: RunbookModel, scope: RunScope): CodeBlock[] {
  if ('block' in scope) {
    const b = model.blocks.find((x) => x.index === scope.block);
    if (!b) throw new ScopeError(`There is no block ${scope.block} (the runbook has ${model.blocks.length}, numbered from 0).`);
    if (!isRunnableBlock(b)) throw new ScopeError(`Block ${scope.block} is ${b.rawLang || 'untagged'}, not a shell or PromQL step.`);
    return [b];
  }
  if ('section' in scope) {
    const want = scope.section.trim().toLowerCase();
    const hit = model.sections.find((s) => s.title.trim().toLowerCase() === want);
    if (!hit) throw new ScopeError(`No section titled "${scope.section}".`);
    const under = (p: string[]) => hit.path.every((t, i) => p[i] === t);
    return model.blocks.filter((b) => isRunnableBlock(b) && under(b.sectionPath));
  }
  return model.blocks.filter(isRunnableBlock);
}

/** Runs steps in order and stops at the first one that does not succeed. */
export async function runInOrder<S, R extends { status: string }>(steps: S[], runOne: (s: S, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < steps.length; i++) {
    const r = await runOne(steps[i], i);
    results.push(r);
    if (r.status !== 'ok') break;
  }
  return results;
}

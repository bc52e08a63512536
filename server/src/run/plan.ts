// Which blocks a run covers (one block, a section, the whole runbook) and running them in order,
// stopping at the first failure (runme#659).
import type { CodeBlock, RunbookModel } from '../model/types';
import { runnableText } from '../shell/transcript';

/** `step`: the step number the editor shows (1-based among runnable blocks). */
export type RunScope = { step: number } | { section: string } | { all: true };

/**
 * Shell and PromQL blocks run; expected-output blocks and other languages (PowerShell included,
 * which this version cannot run) never do. Neither does a shell block with nothing to run once
 * its output and REPL lines are set aside (a `mysql>` session, a pasted listing): a Run lens on
 * it would promise a step and run an empty command. Run lenses, run plans and the CLI all ask this.
 */
export function isRunnableBlock(b: CodeBlock): boolean {
  if (b.expectedOutputOf !== undefined) return false;
  if (b.lang === 'promql') return true;
  return b.lang === 'shell' && hasCommands(b);
}

// Blocks are immutable model objects, and lenses ask for every block's step number.
const commandsCache = new WeakMap<CodeBlock, boolean>();
function hasCommands(b: CodeBlock): boolean {
  let v = commandsCache.get(b);
  if (v === undefined) commandsCache.set(b, v = runnableText(b).trim() !== '');
  return v;
}

/** The runnable blocks in document order. A block's step number is its position here, from 1. */
export function runnableBlocks(model: RunbookModel): CodeBlock[] {
  return model.blocks.filter(isRunnableBlock);
}

/**
 * The one step numbering, used by lenses, the outline, prompts, records, messages and
 * `runbook run --block`: undefined for a block that is not a step (output, YAML, PowerShell…).
 */
export function stepNumber(model: RunbookModel, blockIndex: number): number | undefined {
  const i = runnableBlocks(model).findIndex((b) => b.index === blockIndex);
  return i < 0 ? undefined : i + 1;
}

export class ScopeError extends Error {}

export function planBlocks(model: RunbookModel, scope: RunScope): CodeBlock[] {
  if ('step' in scope) {
    const steps = runnableBlocks(model);
    const b = steps[scope.step - 1];
    if (!b) throw new ScopeError(`There is no step ${scope.step}: the runbook has ${steps.length} step(s), numbered from 1 as in the editor.`);
    return [b];
  }
  if ('section' in scope) {
    const want = scope.section.trim().toLowerCase();
    const hit = model.sections.find((s) => s.title.trim().toLowerCase() === want);
    if (!hit) throw new ScopeError(`No section titled "${scope.section}".`);
    const under = (p: string[]) => hit.path.every((t, i) => p[i] === t);
    return runnableBlocks(model).filter((b) => under(b.sectionPath));
  }
  return runnableBlocks(model);
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

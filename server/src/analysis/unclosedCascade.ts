// No cascades from a fence that swallows what follows it: one that is never closed (its one error
// is markdown/unclosed-fence), or one that closes only after a mis-written close (```` ```bash ````,
// its one warning is markdown/fence-in-block). The block's body runs on into prose and later steps,
// so shell, PromQL, JSON and YAML checks of it would report the swallowed prose as a dozen syntax
// errors and lint findings about text that is not code. Dangerous commands are still named (safety
// before tidiness), and placeholders stay (the Run prompt needs them): neither says the block is broken.
import type { LocalDiagnostic } from './types';
import type { CodeBlock } from '../model/types';
import { innerFences } from '../markdown/innerFences';

type Swallower = Pick<CodeBlock, 'kind' | 'closed' | 'fence' | 'body' | 'rawLang'>;
/** Asked once per diagnostic: rescanning the body each time was quadratic (a 100k-line block). */
const innerFenced = new WeakMap<Swallower, boolean>();

export function swallows(block: Swallower): boolean {
  if (block.kind !== 'fenced') return false;
  if (!block.closed) return true;
  let inner = innerFenced.get(block);
  if (inner === undefined) innerFenced.set(block, inner = innerFences(block).length > 0);
  return inner;
}

export function keptOnUnclosedBlock(block: Pick<CodeBlock, 'kind' | 'closed' | 'fence' | 'body' | 'rawLang'>, d: LocalDiagnostic): boolean {
  if (!swallows(block)) return true;
  return d.code === 'command/dangerous' || d.code === 'placeholder';
}

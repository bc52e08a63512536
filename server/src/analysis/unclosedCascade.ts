// No cascades from a fence that swallows what follows it: one that is never closed (its one error
// is markdown/unclosed-fence), or one that closes only after a mis-written close (```` ```bash ````,
// its one warning is markdown/fence-in-block). The block's body runs on into prose and later steps,
// so shell, PromQL, JSON and YAML checks of it would report the swallowed prose as a dozen syntax
// errors and lint findings about text that is not code. Dangerous commands are still named (safety
// before tidiness), and placeholders stay (the Run prompt needs them): neither says the block is broken.
import type { LocalDiagnostic } from './types';
import type { CodeBlock } from '../model/types';
import { innerFences } from '../markdown/innerFences';

export function swallows(block: Pick<CodeBlock, 'kind' | 'closed' | 'fence' | 'body' | 'rawLang'>): boolean {
  return block.kind === 'fenced' && (!block.closed || innerFences(block).length > 0);
}

export function keptOnUnclosedBlock(block: Pick<CodeBlock, 'kind' | 'closed' | 'fence' | 'body' | 'rawLang'>, d: LocalDiagnostic): boolean {
  if (!swallows(block)) return true;
  return d.code === 'command/dangerous' || d.code === 'placeholder';
}

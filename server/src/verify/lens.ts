// What a step's Run lens says: a verification or precondition block is a step like any other,
// but the lens tells what it does (`▶ Verify step 6`, `▶ Check step 7`).
import type { CodeBlock } from '../model/types';
import { verifySpecOrError } from './spec';

export function stepVerb(b: Pick<CodeBlock, 'lang' | 'info'>): string {
  const { spec, error } = verifySpecOrError(b);
  if (error) return 'Run';
  return spec?.kind === 'verify' ? 'Verify' : spec?.kind === 'precondition' ? 'Check' : 'Run';
}

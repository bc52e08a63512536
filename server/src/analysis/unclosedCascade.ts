// No cascades from an unclosed fence: markdown/unclosed-fence is its one error. The block's body
// runs on into prose and later steps, so shell, PromQL, JSON and YAML checks of it would report
// the swallowed prose as a dozen syntax errors and lint warnings about text that is not code.
// Dangerous commands are still named (safety before tidiness), and hints stay: neither says the
// block is broken.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LocalDiagnostic } from './types';
import type { CodeBlock } from '../model/types';

export function keptOnUnclosedBlock(block: Pick<CodeBlock, 'kind' | 'closed'>, d: LocalDiagnostic): boolean {
  if (block.kind !== 'fenced' || block.closed) return true;
  return d.code === 'command/dangerous' || (d.severity !== DiagnosticSeverity.Error && d.severity !== DiagnosticSeverity.Warning);
}

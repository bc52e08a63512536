// The one-line result shown on the lens after a run and printed by the CLI: `✓ 0.8s`, `✗ exit 2`.
import type { BlockOutcome } from './session';
import type { ExpectedMatch } from './expected';

export function resultLabel(r: Pick<BlockOutcome, 'status' | 'exitCode' | 'durationMs'> & { expected?: ExpectedMatch }): string {
  const secs = `${(r.durationMs / 1000).toFixed(1)}s`;
  const base = ((): string => {
    switch (r.status) {
      case 'ok': return `✓ ${secs}`;
      case 'failed': return `✗ exit ${r.exitCode}`;
      case 'cancelled': return '✗ cancelled';
      case 'timeout': return `✗ timed out after ${secs}`;
      case 'session-exit': return `${r.exitCode === 0 ? '✓' : '✗'} exit ${r.exitCode}, session ended`;
      case 'session-died': return '✗ shell died';
    }
  })();
  return r.expected && !r.expected.matched ? `${base} · output differs` : base;
}

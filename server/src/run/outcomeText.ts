// How a run ended, in words, for the history view and the incident report alike.
import type { RunRecord } from './records';

/** `ok`, `exit 2`, `line 2 failed (exit 127)`, `cancelled`, `timed out`. */
export function outcomeText(r: Pick<RunRecord, 'status' | 'exitCode' | 'failure'>): string {
  switch (r.status) {
    case 'ok': return 'ok';
    case 'cancelled': return 'cancelled';
    case 'timeout': return 'timed out';
    case 'failed': return r.failure ? `line ${r.failure.line} failed (exit ${r.failure.exitCode})` : `exit ${r.exitCode}`;
    default: return `${r.status} (exit ${r.exitCode})`;
  }
}

/** A step that went on after a failing command did not succeed either. */
export function stepFailed(r: Pick<RunRecord, 'status' | 'failure'>): boolean {
  return r.status !== 'ok' || !!r.failure;
}

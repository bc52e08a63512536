// The one-line result shown on the lens after a run and printed by the CLI: `✓ 0.8s`, `✗ exit 2`,
// `⚠ line 2 failed (exit 127)` when a command before the last one failed.
import type { BlockOutcome } from './session';
import type { ExpectedMatch } from './expected';
import type { VerificationOutcome } from '../verify/poll';

type Verification = Pick<VerificationOutcome, 'kind' | 'holds' | 'condition' | 'lastValue'>;

/** A fleet's hosts, as the engine reports them: how many ran and were ok goes in the label. */
type Hosts = { outcome: { ran: boolean; result?: { status: string } } }[];

export function resultLabel(r: Pick<BlockOutcome, 'status' | 'exitCode' | 'durationMs' | 'failure' | 'connectionLost'> & { expected?: ExpectedMatch; verification?: Verification; hosts?: Hosts }): string {
  const secs = formatDuration(r.durationMs);
  if (r.hosts && r.status !== 'cancelled' && r.status !== 'timeout') {
    const ok = r.hosts.filter((h) => h.outcome.ran && h.outcome.result?.status === 'ok').length;
    return ok === r.hosts.length ? `✓ ${ok} hosts ${secs}` : `✗ ${ok} of ${r.hosts.length} hosts ok (exit ${r.exitCode})`;
  }
  const base = ((): string => {
    const v = r.verification;
    if (v && r.status === 'ok') return v.kind === 'verify' ? `✓ verified in ${secs}` : '✓ precondition holds';
    if (v && r.status === 'failed') return `✗ ${v.kind === 'verify' ? 'not verified' : 'precondition not met'}: ${short(v.condition ?? '')} is ${v.lastValue ?? '?'}`;
    switch (r.status) {
      case 'ok': return `✓ ${secs}`;
      case 'failed': return failedLabel(r);
      case 'cancelled': return '✗ cancelled';
      case 'timeout': return `✗ timed out after ${secs}`;
      case 'session-exit': return `${r.exitCode === 0 ? '✓' : '✗'} exit ${r.exitCode}, session ended`;
      case 'session-died': return r.connectionLost ? '✗ connection lost' : '✗ shell died';
    }
  })();
  return r.expected && !r.expected.matched ? `${base} · output differs` : base;
}

function failedLabel(r: Pick<BlockOutcome, 'exitCode' | 'failure'>): string {
  const f = r.failure;
  if (!f) return `✗ exit ${r.exitCode}`;
  const line = `line ${f.line} failed (exit ${f.exitCode})`;
  // The step ended well, but a command before its end did not: a warning, not a plain ✓.
  if (r.exitCode === 0) return `⚠ ${line}`;
  return r.exitCode === f.exitCode ? `✗ ${line}` : `✗ exit ${r.exitCode} · ${line}`;
}

const short = (s: string) => { const t = s.replace(/\s+/g, ' '); return t.length > 60 ? `${t.slice(0, 59)}…` : t; };

/** `45ms` under a tenth of a second (a fast step is not "0.0s"), `0.8s`, `12.3s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (!(ms >= 0)) return '?';
  if (ms < 100) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

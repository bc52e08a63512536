// Running a verification: every condition of the block is asked each round until all hold or the
// timeout passes (a precondition: one round). Each round reports progress with the current value,
// so a person watching the terminal sees the backlog drain; the outcome keeps the last value of
// the condition that did not hold, for the record.
import { evaluateCondition, valueSummary, type ConditionQuery, type ConditionResult } from '../conditions/evaluate';
import type { VerifySpec } from './spec';
import { watchedValue } from './watchedValue';

export interface VerificationOutcome {
  kind: VerifySpec['kind'];
  holds: boolean;
  /** The condition that did not hold at the end (the first one, in block order), when one did not. */
  condition?: string;
  /** Its last value: `73, needs < 10`, `no series`, or why it could not be evaluated. */
  lastValue?: string;
  polls: number;
  waitedMs: number;
  timeoutMs: number;
  /** The wait was cut short (cancel, or the step's own timeout). */
  aborted?: boolean;
}

export interface PollProgress { round: number; elapsedMs: number; pending: { condition: string; value: string }[] }

export async function pollConditions(conditions: readonly string[], query: ConditionQuery, spec: VerifySpec, signal: AbortSignal, onRound?: (p: PollProgress) => void): Promise<VerificationOutcome> {
  const t0 = Date.now();
  let polls = 0;
  let pending: { condition: string; value: string }[] = [];
  for (;;) {
    polls++;
    pending = [];
    for (const c of conditions) {
      const r = await evaluateCondition(query, c, signal);
      if (signal.aborted) break;
      if (r.state !== 'holds') pending.push({ condition: c, value: await currentValue(c, r, query, signal) });
    }
    const elapsedMs = Date.now() - t0;
    const base = { kind: spec.kind, polls, waitedMs: elapsedMs, timeoutMs: spec.timeoutMs };
    if (signal.aborted) return { ...base, holds: false, aborted: true, ...(pending[0] ? { condition: pending[0].condition, lastValue: pending[0].value } : {}) };
    onRound?.({ round: polls, elapsedMs, pending });
    if (!pending.length) return { ...base, holds: true };
    if (elapsedMs + spec.intervalMs > spec.timeoutMs) return { ...base, holds: false, condition: pending[0].condition, lastValue: pending[0].value };
    const ok = await sleep(spec.intervalMs, signal);
    if (!ok) return { ...base, waitedMs: Date.now() - t0, holds: false, aborted: true, condition: pending[0].condition, lastValue: pending[0].value };
  }
}

async function currentValue(condition: string, r: ConditionResult, query: ConditionQuery, signal: AbortSignal): Promise<string> {
  if (r.state === 'error') return `could not evaluate: ${r.reason}`;
  const w = watchedValue(condition);
  if (!w) return 'no series';
  const v = await evaluateCondition(query, w.expr, signal);
  if (v.state === 'holds') return `${valueSummary(v.series)}, needs ${w.needs}`;
  return v.state === 'error' ? `could not evaluate ${w.expr}: ${v.reason}` : `${w.expr} has no series`;
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) { resolve(false); return; }
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, ms);
    const onAbort = () => { clearTimeout(t); resolve(false); };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** `verified: all 2 conditions hold (3 polls, 21.0s)` / `not verified after 5m: <cond> is 73, needs < 10`. */
export function verificationSummary(v: VerificationOutcome, formatMs: (ms: number) => string): string {
  const what = v.kind === 'precondition' ? 'precondition' : 'verification';
  if (v.holds) return `${what} holds${v.kind === 'verify' ? ` after ${formatMs(v.waitedMs)} (${v.polls} poll${v.polls === 1 ? '' : 's'})` : ''}`;
  if (v.aborted) return `${what} stopped after ${formatMs(v.waitedMs)}${v.condition ? `: ${v.condition} was ${v.lastValue}` : ''}`;
  const when = v.kind === 'precondition' ? 'not met' : `failed after ${formatMs(v.waitedMs)}`;
  return `${what} ${when}: ${v.condition} is ${v.lastValue}`;
}

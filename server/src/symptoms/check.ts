// One round of symptom checks: every condition asked at once (duplicates once), at most
// `concurrency` in flight, the whole round bounded by `timeoutMs`, each answer independent (one
// bad query or a slow one never hides the others' results).
import { Limiter } from '../prometheus/limiter';
import { evaluateCondition, type ConditionQuery, type ConditionResult } from '../conditions/evaluate';

export interface CheckOptions {
  concurrency?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
export const DEFAULT_CHECK_CONCURRENCY = 6;

/** The result of each expression, in the order given. */
export async function checkConditions(exprs: readonly string[], query: ConditionQuery, opts: CheckOptions = {}): Promise<ConditionResult[]> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const limiter = new Limiter(opts.concurrency ?? DEFAULT_CHECK_CONCURRENCY);
  const unique = new Map<string, Promise<ConditionResult>>();
  for (const e of exprs) {
    if (unique.has(e)) continue;
    unique.set(e, limiter.run(() => evaluateCondition(query, e, signal), signal).catch(() => ({ state: 'error', reason: signal.aborted && timeout.aborted ? 'timed out' : 'cancelled' }) as ConditionResult));
  }
  return Promise.all(exprs.map(e => unique.get(e)!));
}

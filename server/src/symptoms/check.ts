// One round of symptom checks: all conditions in one batched query (batch.ts); when Prometheus
// refuses the batch, each distinct condition on its own, at most `concurrency` in flight. The
// whole round is bounded by `timeoutMs`, and one bad or slow condition never hides the others'
// results. An unreachable server is said once for all, not asked again per condition.
import { Limiter } from '../prometheus/limiter';
import { PrometheusError } from '../prometheus/errors';
import { evaluateCondition, type ConditionQuery, type ConditionResult } from '../conditions/evaluate';
import { batchQuery, splitBatch } from './batch';

export interface CheckOptions {
  concurrency?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Ask each condition on its own even when there are several (tests, and servers that mangle `or`). */
  noBatch?: boolean;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
export const DEFAULT_CHECK_CONCURRENCY = 6;

/** The result of each expression, in the order given. */
export async function checkConditions(exprs: readonly string[], query: ConditionQuery, opts: CheckOptions = {}): Promise<ConditionResult[]> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const unique = [...new Set(exprs)];
  const byExpr = new Map<string, ConditionResult>();
  const stopped = (): ConditionResult => ({ state: 'error', reason: timeout.aborted ? 'timed out' : 'cancelled' });
  if (unique.length > 1 && !opts.noBatch) {
    try {
      const split = splitBatch(await query(batchQuery(unique), signal), unique.length);
      if (split) unique.forEach((e, i) => byExpr.set(e, split[i]));
    } catch (e) {
      if (signal.aborted) return exprs.map(stopped);
      // Only Prometheus refusing the query is about one condition; anything else is about the server.
      if (!(e instanceof PrometheusError && (e.kind === 'prometheus' || (e.kind === 'http' && (e.status === 400 || e.status === 422))))) {
        const reason = e instanceof PrometheusError ? e.reason : (e as Error).message.split('\n')[0];
        return exprs.map(() => ({ state: 'error', reason }));
      }
    }
  }
  if (byExpr.size < unique.length) {
    const limiter = new Limiter(opts.concurrency ?? DEFAULT_CHECK_CONCURRENCY);
    await Promise.all(unique.map(async (e) => {
      const r = await limiter.run(() => evaluateCondition(query, e, signal), signal).catch(stopped);
      byExpr.set(e, r);
    }));
  }
  return exprs.map(e => byExpr.get(e)!);
}

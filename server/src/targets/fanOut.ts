// Runs one step on every host of a fleet: the canary alone first (when there is one), then the
// rest in parallel up to the concurrency limit. A failed canary stops the fleet; another failed
// host stops the hosts not yet started when `onHostFailure` is `stop`. Started hosts finish.

export interface FanOutOptions {
  concurrency: number;
  /** Index of the canary host. */
  canary?: number;
  onHostFailure: 'stop' | 'continue';
  signal?: AbortSignal;
}

export type HostOutcome<R> = { ran: true; result: R } | { ran: false; reason: string };

export async function fanOut<R>(count: number, opts: FanOutOptions, run: (i: number) => Promise<R>, ok: (r: R) => boolean, label: (i: number) => string): Promise<HostOutcome<R>[]> {
  const out: HostOutcome<R>[] = Array.from({ length: count }, () => ({ ran: false, reason: 'not run' }));
  let stopped: string | undefined;
  const runOne = async (i: number) => {
    const result = await run(i);
    out[i] = { ran: true, result };
    if (!ok(result) && !stopped && (opts.onHostFailure === 'stop' || i === opts.canary)) {
      stopped = i === opts.canary ? `canary ${label(i)} failed` : `${label(i)} failed`;
    }
  };
  if (opts.canary !== undefined) await runOne(opts.canary);
  const rest = [...Array(count).keys()].filter((i) => i !== opts.canary);
  let next = 0;
  const worker = async () => {
    while (next < rest.length && !stopped && !opts.signal?.aborted) await runOne(rest[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, rest.length) }, worker));
  for (const o of out) if (!o.ran) o.reason = opts.signal?.aborted ? 'not run: cancelled' : `not run: ${stopped ?? 'stopped'}`;
  return out;
}

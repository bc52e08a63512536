// Timing: medians over repeated runs after warm-up, so one noisy run on a shared machine does not
// decide a figure.

export interface Plan { runs: number; warmup: number }

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median milliseconds of `fn` over `plan.runs` runs, after `plan.warmup` unmeasured ones. */
export async function measure(plan: Plan, fn: () => unknown | Promise<unknown>, before?: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < plan.warmup + plan.runs; i++) {
    await before?.();
    const t = performance.now();
    await fn();
    const dt = performance.now() - t;
    if (i >= plan.warmup) times.push(dt);
  }
  return median(times);
}

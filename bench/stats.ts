// Timing: medians over repeated runs after warm-up, so one noisy run on a shared machine does not
// decide a figure.

export interface Plan {
  runs: number;
  warmup: number;
  /** Stop warming up early once this much time went into it (a keystroke that takes seconds needs no JIT warm-up). */
  warmupMs?: number;
}

/** Is run `i` (counted from 0) still a warm-up run, `spent` ms into warming up? */
export function warmingUp(plan: Plan, i: number, spent: number): boolean {
  return i < plan.warmup && !(plan.warmupMs !== undefined && i > 0 && spent >= plan.warmupMs);
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median milliseconds of `fn` over `plan.runs` runs, after `plan.warmup` unmeasured ones. */
export async function measure(plan: Plan, fn: () => unknown | Promise<unknown>, before?: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  let spent = 0;
  for (let i = 0; times.length < plan.runs; i++) {
    await before?.();
    const t = performance.now();
    await fn();
    const dt = performance.now() - t;
    if (warmingUp(plan, i, spent)) spent += dt; else times.push(dt);
  }
  return median(times);
}

// A Prometheus duration (`90s`, `5m`, `1h30m`, `0`) in milliseconds, or undefined when it is not one.
import { isPrometheusDuration } from '../alerts/duration';

const UNIT_MS: Record<string, number> = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

export function durationMs(s: string): number | undefined {
  if (!isPrometheusDuration(s)) return undefined;
  let total = 0;
  for (const [, n, unit] of s.matchAll(/(\d+)(ms|[ywdhms])/g)) total += Number(n) * UNIT_MS[unit];
  return total;
}

// Prometheus durations as rule files accept them (`for:`, `keep_firing_for:`): units in
// descending order, each at most once, e.g. `1h30m`, `90s`, `0`.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export function isPrometheusDuration(s: string): boolean {
  if (s === '0') return true;
  return s !== '' && DURATION.test(s);
}

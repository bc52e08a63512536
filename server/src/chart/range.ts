// The chart's time range: the presets of the range picker (15m, 1h, 6h, 24h) and a custom one
// typed as a Prometheus duration (`90m`, `2d`, `1h30m`) or as `FROM to TO` (ISO dates or times,
// UTC unless they name an offset). The step keeps each query near 300 points: enough for a
// smooth line, far under Prometheus's 11,000-point limit, and cheap for a busy server.

export const RANGE_PRESETS = ['15m', '1h', '6h', '24h'] as const;
export const DEFAULT_RANGE = '1h';

/** A range in Unix seconds, on a grid of `step` seconds. */
export interface ChartWindow {
  start: number; end: number; step: number; label: string;
  /** The same window on the environment's Prometheus graph page (see metrics/graphLink.ts). */
  graph: { range: string; end?: number };
}

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };
const MAX_SECONDS = 90 * 86400;
const TARGET_POINTS = 300;
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Seconds in a Prometheus duration (`1h30m`), or undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+(ms|[smhdwy]))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+)(ms|[smhdwy])/g)) total += Number(m[1]) * UNITS[m[2]!]!;
  return total;
}

/** The step for a range of `seconds`: the smallest "nice" step giving at most ~300 points. */
export function stepFor(seconds: number): number {
  const raw = seconds / TARGET_POINTS;
  return NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

/**
 * The window a range text stands for at `nowMs`, or a message saying what is accepted. A relative
 * range ends on a step boundary so refreshes within one step share the client's cached answer.
 */
export function chartWindow(text: string, nowMs = Date.now()): ChartWindow | { error: string } {
  const input = text.trim() || DEFAULT_RANGE;
  const seconds = durationSeconds(input);
  if (seconds !== undefined) {
    if (seconds < 60) return { error: `The range "${input}" is too short: choose at least 1m.` };
    if (seconds > MAX_SECONDS) return { error: `The range "${input}" is too long: choose at most 90d.` };
    const step = stepFor(seconds);
    const end = Math.floor(nowMs / 1000 / step) * step;
    return { start: end - Math.ceil(seconds / step) * step, end, step, label: `last ${input}`, graph: { range: input } };
  }
  const parts = input.split(/\s+(?:to|\.\.)\s+|\s*\.\.\s*/);
  if (parts.length === 2) {
    const [from, to] = parts.map(parseTime);
    if (from === undefined || to === undefined) return { error: `Could not read the times in "${input}": write them as 2026-12-03T08:00 (UTC) or 2026-12-03T08:00+01:00.` };
    if (to <= from) return { error: `The range "${input}" ends before it starts.` };
    if (to - from > MAX_SECONDS) return { error: `The range "${input}" is too long: choose at most 90 days.` };
    const step = stepFor(to - from);
    const start = Math.floor(from / step) * step;
    return { start, end: Math.ceil(to / step) * step, step, graph: { range: `${Math.round(to - from)}s`, end: to }, label: `${new Date(from * 1000).toISOString().slice(0, 16)}Z to ${new Date(to * 1000).toISOString().slice(0, 16)}Z` };
  }
  return { error: `"${input}" is not a range: choose ${RANGE_PRESETS.join(', ')}, type a duration such as 3h or 2d, or FROM to TO (2026-12-03T08:00 to 2026-12-03T10:00).` };
}

/** Unix seconds of an ISO date or date-time; without an offset it is UTC. */
function parseTime(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(t) && /[T ]/.test(t);
  const iso = t.replace(' ', 'T') + (hasZone ? '' : /T/.test(t.replace(' ', 'T')) ? 'Z' : 'T00:00Z');
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

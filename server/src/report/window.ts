// The time range of a report: `--since 2h` (up to now), or `--from … --to …` (ISO 8601 times,
// dates, or durations back from now: `--from 3h --to 1h`). Bad input is a message, never a guess.
import { durationSeconds } from '../metrics/rateWindow';

export interface TimeWindow { from: Date; to: Date }

export class WindowError extends Error {}

export const DEFAULT_SINCE = '24h';

export function parseWindow(opts: { since?: string; from?: string; to?: string }, now = new Date()): TimeWindow {
  if (opts.since !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new WindowError('give --since, or --from and --to, not both');
  if (opts.from === undefined && opts.to !== undefined) throw new WindowError('--to needs --from');
  const from = opts.from !== undefined ? pointIn(opts.from, now, '--from') : ago(opts.since ?? DEFAULT_SINCE, now, '--since');
  const to = opts.to !== undefined ? pointIn(opts.to, now, '--to') : now;
  if (from.getTime() > to.getTime()) throw new WindowError(`--from (${from.toISOString()}) is after --to (${to.toISOString()})`);
  return { from, to };
}

function ago(text: string, now: Date, flag: string): Date {
  const s = durationSeconds(text.trim());
  if (s === undefined || !/[a-z]$/.test(text.trim())) throw new WindowError(`${flag} expects a duration such as 30m, 2h or 1d, not '${text}'`);
  return new Date(now.getTime() - s * 1000);
}

function pointIn(text: string, now: Date, flag: string): Date {
  const t = text.trim();
  if (/^\d+(ms|s|m|h|d|w|y)/.test(t) && durationSeconds(t) !== undefined) return ago(t, now, flag);
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    // A bare date or a time without a zone is UTC, as records are.
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(t) ? `${t}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new WindowError(`${flag} expects a time (2026-03-14T09:30Z, 2026-03-14) or a duration ago (2h), not '${text}'`);
}

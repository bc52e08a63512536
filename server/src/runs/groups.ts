// The Runs view's shape, from the run records: days (newest first), then runbooks (most recent
// run first), then runs (newest first), each with the words and icon the view shows. Days are
// the reader's local days: at 00:30 an incident's runs of 23:50 belong to "yesterday".
// Timeline events (symptom checks, silences: records with an `event`) are no runs and are left
// to the incident report.
import type { RunRecord } from '../run/records';
import { outcomeText } from '../run/outcomeText';

export interface RunEntry {
  record: RunRecord;
  /** Where the record sits in the list it came from (the history command's `open` index). */
  position: number;
  label: string;
  description: string;
  icon: RunIcon;
}
export interface RunbookGroup { runbook: string; runs: RunEntry[]; description: string }
export interface DayGroup { day: string; label: string; description: string; runbooks: RunbookGroup[] }

/** A codicon and the theme colour that says how a run ended. */
export type RunIcon =
  | { id: 'pass'; color: 'testing.iconPassed' }
  | { id: 'error'; color: 'testing.iconFailed' }
  | { id: 'warning'; color: 'list.warningForeground' }
  | { id: 'circle-slash'; color: 'disabledForeground' };

export function iconOf(r: Pick<RunRecord, 'status' | 'exitCode' | 'failure'>): RunIcon {
  if (r.status === 'ok') return { id: 'pass', color: 'testing.iconPassed' };
  if (r.status === 'cancelled' || r.status === 'timeout') return { id: 'circle-slash', color: 'disabledForeground' };
  // Failed in the middle but the last command passed: the step is not a ✓, nor a plain ✗.
  return r.failure && r.exitCode === 0 ? { id: 'warning', color: 'list.warningForeground' } : { id: 'error', color: 'testing.iconFailed' };
}

/** 850 ms, 4.2 s, 3 m 05 s, 1 h 02 m. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} m`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day of an instant, as YYYY-MM-DD. */
export function localDay(d: Date): string { return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; }
const localTime = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

const isStep = (r: unknown): r is RunRecord =>
  typeof r === 'object' && r !== null && !('event' in r && (r as { event?: unknown }).event !== undefined) &&
  typeof (r as RunRecord).time === 'string' && typeof (r as RunRecord).runbook === 'string' && Number.isFinite(Date.parse((r as RunRecord).time)) &&
  Number.isInteger((r as RunRecord).block);

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Groups records (in any order) for the view; `now` decides which day is "Today". */
export function groupRuns(records: readonly unknown[], now = new Date()): DayGroup[] {
  const today = localDay(now);
  const yesterday = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12));
  const entries = records.flatMap((r, position) => isStep(r) ? [{ r, position, at: new Date(r.time) }] : [])
    .sort((a, b) => b.at.getTime() - a.at.getTime() || a.position - b.position);
  const days = new Map<string, Map<string, RunEntry[]>>();
  for (const { r, position, at } of entries) {
    const day = localDay(at);
    let books = days.get(day);
    if (!books) days.set(day, books = new Map());
    let runs = books.get(r.runbook);
    if (!runs) books.set(r.runbook, runs = []);
    const section = Array.isArray(r.section) ? r.section[r.section.length - 1] : undefined;
    runs.push({
      record: r, position,
      // Environment and duration before the section: they must show in a narrow sidebar.
      label: `${localTime(at)} step ${r.step ?? r.block + 1}`,
      description: `${r.environment} · ${durationText(r.durationMs)}${r.status === 'ok' ? '' : ` · ${outcomeText(r)}`}${section ? ` · ${section}` : ''}`,
      icon: iconOf(r),
    });
  }
  return [...days].map(([day, books]) => {
    const runs = [...books.values()].flat();
    const failed = runs.filter(e => e.record.status !== 'ok').length;
    return {
      day,
      label: day === today ? `Today (${day})` : day === yesterday ? `Yesterday (${day})` : day,
      description: `${plural(runs.length, 'run')}${failed ? `, ${failed} not ok` : ''}`,
      runbooks: [...books].map(([runbook, rs]) => ({ runbook, runs: rs, description: `${plural(rs.length, 'run')} · ${[...new Set(rs.map(e => e.record.environment))].join(', ')}` })),
    };
  });
}

/** The time range and filters of the incident report for a selection of runs. */
export function reportScope(records: readonly RunRecord[]): { from: string; to: string; runbook?: string; environment?: string } | undefined {
  if (!records.length) return undefined;
  const starts = records.map(r => Date.parse(r.time));
  const ends = records.map(r => Date.parse(r.time) + Math.max(0, r.durationMs || 0));
  const one = <T>(xs: T[]) => (new Set(xs).size === 1 ? xs[0] : undefined);
  return {
    from: new Date(Math.min(...starts)).toISOString(),
    // The report's window includes the last run's end (records are stamped at their start).
    to: new Date(Math.max(...ends) + 1000).toISOString(),
    ...(one(records.map(r => r.runbook)) !== undefined ? { runbook: one(records.map(r => r.runbook)) } : {}),
    ...(one(records.map(r => r.environment)) !== undefined ? { environment: one(records.map(r => r.environment)) } : {}),
  };
}

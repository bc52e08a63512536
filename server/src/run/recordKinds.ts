// The kinds of line a run-records file holds, besides steps: the events an incident timeline is
// made of. (A verification is a step: its record carries `verification`, see verify/poll.ts.) A step record (records.ts) has no `event` field (every record written so far); the
// others name their kind in `event`. Writers add them with RunRecorder.appendEvent, which masks
// secret values in every string; readers skip kinds they do not know, so a kind can be added
// without breaking an older report or history view.
import type { Operator } from './operator';
import type { RunRecord } from './records';
import type { SymptomState } from '../symptoms/label';

interface EventBase {
  /** ISO 8601, UTC. */
  time: string;
  environment: string;
  /** The runbook it came from, relative to the workspace, when it came from one. */
  runbook?: string;
  section?: string[];
  ranBy?: Operator;
  note?: string;
}

/**
 * One round of symptom checks (the editor's Check symptoms, `runbook symptoms`): every symptom of
 * the runbook with its result, so the timeline reads "symptom check: 2 of 3 present".
 */
export interface SymptomCheckRecord extends EventBase {
  event: 'symptom-check';
  symptoms: CheckedSymptomRecord[];
  durationMs?: number;
}

export interface CheckedSymptomRecord {
  /** The condition, as the runbook writes it. */
  expr: string;
  /** 1-based line of the condition in the runbook. */
  line?: number;
  result: SymptomState;
  /** How the result reads: `● present (73)`, `○ absent`, `? could not evaluate: <reason>`. */
  label: string;
}

/** An Alertmanager silence created or expired during the incident. */
export interface SilenceRecord extends EventBase {
  event: 'silence';
  action: 'created' | 'expired';
  id: string;
  /** Matchers as Alertmanager prints them: `alertname="X"`, `severity=~"crit.*"`. */
  matchers: string[];
  endsAt?: string;
  comment?: string;
}

export type EventRecord = SymptomCheckRecord | SilenceRecord;
export type EventKind = EventRecord['event'];
export const EVENT_KINDS: readonly EventKind[] = ['symptom-check', 'silence'];

/** A step (no `event`), or one of the kinds above. */
export type TimelineRecord = (RunRecord & { event?: undefined }) | EventRecord;

/** A parsed line as a timeline record, or undefined for a line that is neither (skipped, counted). */
export function asTimelineRecord(v: unknown): TimelineRecord | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (typeof r.time !== 'string' || Number.isNaN(Date.parse(r.time)) || typeof r.environment !== 'string') return undefined;
  if (r.event === undefined) {
    const step = typeof r.runbook === 'string' && typeof r.command === 'string' && typeof r.exitCode === 'number' && Array.isArray(r.section);
    return step ? (v as TimelineRecord) : undefined;
  }
  if (r.event === 'symptom-check') return Array.isArray(r.symptoms) ? (v as TimelineRecord) : undefined;
  if (r.event === 'silence') return typeof r.action === 'string' && typeof r.id === 'string' && Array.isArray(r.matchers) ? (v as TimelineRecord) : undefined;
  return undefined;
}

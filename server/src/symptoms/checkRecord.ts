// A round of symptom checks as the run record the incident report reads (run/recordKinds.ts). The
// editor and `runbook symptoms` both build it here, so the timeline reads the same whichever ran it.
import type { SymptomCheckRecord } from '../run/recordKinds';
import type { Operator } from '../run/operator';
import type { SymptomState } from './label';

export interface CheckedSymptomInput {
  expr: string;
  /** 1-based line. */
  line: number;
  state: SymptomState;
  label: string;
}

export function symptomCheckRecord(o: { time: Date; environment: string; runbook?: string; symptoms: readonly CheckedSymptomInput[]; durationMs?: number; ranBy?: Operator }): SymptomCheckRecord {
  return {
    event: 'symptom-check', time: o.time.toISOString(), environment: o.environment,
    ...(o.runbook ? { runbook: o.runbook } : {}),
    ...(o.ranBy ? { ranBy: o.ranBy } : {}),
    ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
    symptoms: o.symptoms.map(s => ({ expr: s.expr, line: s.line, result: s.state, label: s.label })),
  };
}

/** `2 of 3 present (`a > 1`, `b > 0`)`, with `, 1 could not be evaluated` when so. */
export function symptomCheckSummary(r: SymptomCheckRecord, code: (s: string) => string): string {
  const present = r.symptoms.filter(s => s.result === 'present');
  const unknown = r.symptoms.filter(s => s.result === 'unknown').length;
  return `${present.length} of ${r.symptoms.length} present${present.length ? ` (${present.map(s => code(s.expr)).join(', ')})` : ''}${unknown ? `, ${unknown} could not be evaluated` : ''}`;
}

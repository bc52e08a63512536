// How a symptom's result reads at the end of its line (inlay hint), in the CLI table and in JSON.
import { valueSummary, type ConditionResult } from '../conditions/evaluate';

export type SymptomState = 'present' | 'absent' | 'unknown';

export function symptomState(r: ConditionResult): SymptomState {
  return r.state === 'holds' ? 'present' : r.state === 'fails' ? 'absent' : 'unknown';
}

/** `● present (73)`, `● present (3 series, max 91)`, `○ absent`, `? could not evaluate: <reason>`. */
export function symptomLabel(r: ConditionResult): string {
  switch (r.state) {
    case 'holds': return `● present (${valueSummary(r.series)})`;
    case 'fails': return '○ absent';
    case 'error': return `? could not evaluate: ${r.reason}`;
  }
}

/** ` · stale, 3m ago` once a result is older than the stale limit; '' while fresh. */
export function staleSuffix(checkedAt: number, now: number, staleAfterMs: number): string {
  const age = now - checkedAt;
  if (age <= staleAfterMs) return '';
  const s = Math.round(age / 1000);
  return ` · stale, ${s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${Math.round(s / 3600)}h`} ago`;
}

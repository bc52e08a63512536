// The last symptom check of each runbook: results by condition text (an edit elsewhere in the
// file keeps them on their lines; a changed condition has none until checked again), the
// environment they were asked in and when. A result from another environment is never shown.
import type { ConditionResult } from '../conditions/evaluate';

export interface SymptomCheck {
  env: string;
  /** ms since epoch, when the round finished. */
  checkedAt: number;
  results: ReadonlyMap<string, ConditionResult>;
}

export class SymptomResults {
  private readonly byUri = new Map<string, SymptomCheck>();

  set(uri: string, check: SymptomCheck): void { this.byUri.set(uri, check); }

  /** The last check of `uri` in `env`, if any. */
  get(uri: string, env: string): SymptomCheck | undefined {
    const c = this.byUri.get(uri);
    return c?.env === env ? c : undefined;
  }

  drop(uri: string): void { this.byUri.delete(uri); }
}

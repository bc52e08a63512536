// The names of the symptom protocol, in a module with no imports: the client bundles it alone.

/** Editor → server request: evaluate every symptom of a runbook now (see symptoms.ts). */
export const CHECK_SYMPTOMS_REQUEST = 'runbook/checkSymptoms';

/** The command the `Check symptoms on <env>` lens runs (client/src/symptoms/). */
export const CHECK_SYMPTOMS_COMMAND = 'runbook.checkSymptoms';

export interface CheckSymptomsParams { uri: string }

export interface CheckedSymptom {
  expr: string;
  /** 0-based line of the condition. */
  line: number;
  state: 'present' | 'absent' | 'unknown';
  label: string;
}

export type CheckSymptomsResult =
  | { uri: string; env: string; symptoms: CheckedSymptom[]; durationMs: number }
  | { uri: string; error: string };

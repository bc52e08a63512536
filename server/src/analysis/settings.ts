// Analysis settings: one shape for the editor (workspace configuration) and the CLI (defaults).
import { runbookExcludes } from '../shell/shellcheckRunbookPolicy';

export interface Settings {
  /** Files larger than this are not analysed; the user gets one diagnostic saying so. */
  maxFileSizeBytes: number;
  shellcheck: {
    enabled: boolean;
    path: string;
    /** ShellCheck codes that are noise for snippets (no shebang, cross-block variables). */
    exclude: string[];
  };
  /** Alert `severity` label values accepted without a warning. */
  knownSeverities: string[];
  alerts: {
    /** URL prefixes that stand for the workspace root in a rule's `runbook_url`. */
    runbookUrlPrefixes: string[];
  };
  /** Symptom results older than this show as stale (runbook.symptoms.staleAfterSeconds). */
  symptoms: { staleAfterSeconds: number };
}

export const defaultSettings: Settings = {
  maxFileSizeBytes: 5 * 1024 * 1024,
  shellcheck: { enabled: true, path: 'shellcheck', exclude: ['SC2148', 'SC2154', 'SC2034', 'SC1091', ...runbookExcludes] },
  knownSeverities: ['critical', 'page', 'warning', 'warn', 'info', 'none', 'high', 'medium', 'low'],
  alerts: { runbookUrlPrefixes: [] },
  symptoms: { staleAfterSeconds: 60 },
};

/**
 * Settings come from a user's JSON: a value of the wrong type falls back to the default instead
 * of flowing on (`maxFileSizeBytes: "5MB"` would otherwise switch the size guard off).
 */
export function mergeSettings(partial: unknown): Settings {
  const p = (partial && typeof partial === 'object' ? partial : {}) as Record<string, unknown>;
  const sc = (p.shellcheck && typeof p.shellcheck === 'object' ? p.shellcheck : {}) as Record<string, unknown>;
  const al = (p.alerts && typeof p.alerts === 'object' ? p.alerts : {}) as Record<string, unknown>;
  const d = defaultSettings;
  return {
    maxFileSizeBytes: positiveNumber(p.maxFileSizeBytes) ?? d.maxFileSizeBytes,
    shellcheck: {
      enabled: typeof sc.enabled === 'boolean' ? sc.enabled : d.shellcheck.enabled,
      path: typeof sc.path === 'string' && sc.path.trim() ? sc.path : d.shellcheck.path,
      exclude: stringArray(sc.exclude) ?? d.shellcheck.exclude,
    },
    knownSeverities: stringArray(p.knownSeverities) ?? d.knownSeverities,
    alerts: { runbookUrlPrefixes: stringArray(al.runbookUrlPrefixes) ?? d.alerts.runbookUrlPrefixes },
    symptoms: { staleAfterSeconds: positiveNumber((p.symptoms as Record<string, unknown> | undefined)?.staleAfterSeconds) ?? d.symptoms.staleAfterSeconds },
  };
}

function positiveNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every(x => typeof x === 'string') ? v : undefined;
}

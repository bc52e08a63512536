// Analysis settings: one shape for the editor (workspace configuration) and the CLI (defaults).
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
}

export const defaultSettings: Settings = {
  maxFileSizeBytes: 5 * 1024 * 1024,
  shellcheck: { enabled: true, path: 'shellcheck', exclude: ['SC2148', 'SC2154', 'SC2034', 'SC1091'] },
  knownSeverities: ['critical', 'page', 'warning', 'warn', 'info', 'none', 'high', 'medium', 'low'],
};

export function mergeSettings(partial: unknown): Settings {
  const p = (partial && typeof partial === 'object' ? partial : {}) as Partial<Settings>;
  return {
    ...defaultSettings,
    ...p,
    shellcheck: { ...defaultSettings.shellcheck, ...(p.shellcheck ?? {}) },
  };
}

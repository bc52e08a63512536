// The client command behind "Fill in <placeholder>…" (see codeActions.ts). No imports: the
// VS Code client bundles this file, and must not pull the server in with it.

export const FILL_PLACEHOLDER_COMMAND = 'runbook.fillPlaceholder';

export interface FillPlaceholderArgs {
  uri: string;
  /** The placeholder as written, e.g. `<PAYOUT_ID>` or `YYYYMMDD`. */
  text: string;
  /** Every place it is written in its block (LSP ranges). */
  ranges: { start: { line: number; character: number }; end: { line: number; character: number } }[];
}

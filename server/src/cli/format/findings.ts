// What `runbook check` found, per file: the one list every output format is written from, so a
// format is a view over the findings and never decides what is found.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { RunbookModel } from '../../model/types';
import type { MetricRef } from '../../analysis/types';

export interface FileFindings {
  /** The path as given on the command line (or found under a folder given there). */
  path: string;
  diagnostics: Diagnostic[];
  blocks?: RunbookModel['blocks'];
  metrics?: readonly MetricRef[];
}

export type Formatter = (files: readonly FileFindings[]) => string;

// What `runbook check` found, per file: the one list every output format is written from, so a
// format is a view over the findings and never decides what is found.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CodeBlock } from '../../model/types';
import type { MetricRef } from '../../analysis/types';

export interface FileFindings {
  /** The path as given on the command line (or found under a folder given there). */
  path: string;
  diagnostics: Diagnostic[];
  /** Only what the formats print: a cached or worker-made result carries no more. */
  blocks?: readonly Pick<CodeBlock, 'lang' | 'info' | 'range' | 'closed'>[];
  metrics?: readonly Pick<MetricRef, 'name' | 'range' | 'source' | 'confidence'>[];
}

export type Formatter = (files: readonly FileFindings[]) => string;

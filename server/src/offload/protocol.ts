// Messages between the language server's main thread and its analysis worker. Plain data only:
// the worker keeps the models and findings, the main thread receives what it publishes.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Analysis, MetricRef } from '../analysis/types';
import type { Settings } from '../analysis/settings';
import type { Range } from '../model/types';
import type { RuleFact } from '../alertLinks/ruleLines';
import type { PlainSuppressions } from '../suppression/plain';

/** One document version to analyse: the fast pass, then the full one (ShellCheck). */
export interface AnalyseInput {
  uri: string;
  version: number;
  languageId: string;
  text: string;
  settings: Settings;
  envVariables: ReadonlySet<string>;
}

/** What one pass gives the main thread: diagnostics already capped for the editor, and metrics. */
export interface PassResult {
  uri: string;
  version: number;
  diagnostics: Diagnostic[];
  metrics: MetricRef[];
  /** What the document's directives silence, for diagnostics the main thread adds. */
  suppressed: PlainSuppressions;
  /** Full pass only: what the alert-link checks need of the document (features/alertLinkDiagnostics.ts). */
  alertLinks?: AlertLinkFacts;
}

export interface AlertLinkFacts {
  /** Every section title, in order (links into this document). */
  titles: string[];
  /** Only the headings that name an alert. */
  alertHeadings: { title: string; headingRange: Range }[];
  /** The rules in the document's rule blocks, as the workspace index scans them. */
  rules: RuleFact[];
}

export type Pass = 'fast' | 'full';

/** The findings a run plan needs, for one version and one set of environment variables. */
export type PlanFindings = Pick<Analysis, 'placeholders' | 'dangers'>;

export type ToWorker =
  /** `cancel` is an Int32Array over shared memory: the main thread stores 1 once the version is stale. */
  | { type: 'analyse'; id: number; input: AnalyseInput; cancel: Int32Array }
  | { type: 'plan'; id: number; input: AnalyseInput }
  | { type: 'shutdown' };

/** Metrics travel in batches, each its own message, so no single message stalls the main thread. */
export const metricBatch = 2000;

export type FromWorker =
  | ({ type: 'pass'; id: number; pass: Pass; metricCount: number; sameMetrics: boolean } & Omit<PassResult, 'metrics'>)
  | { type: 'metrics'; id: number; batch: MetricRef[] }
  | { type: 'done'; id: number; abandoned: boolean; error?: string }
  | { type: 'plan'; id: number; findings?: PlanFindings; error?: string }
  | { type: 'shellcheck'; pid: number; alive: boolean };

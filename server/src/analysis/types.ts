// The contract between the pipeline and each check. Block analyzers see one block's body and
// report offsets into that body; the pipeline maps them to document ranges and caches the
// findings by the block's content hash, so an edit re-checks only the blocks that changed.
import type { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeBlock, Range, RunbookModel } from '../model/types';
import type { Settings } from './settings';

/** Half-open span of UTF-16 offsets into `CodeBlock.body`. */
export interface BodySpan { start: number; end: number }

export interface TextEditLocal { span: BodySpan; newText: string }
export interface TextEditDoc { range: Range; newText: string }

/** A quick fix carried on the diagnostic's `data`, so code actions need no re-analysis. */
export interface Fix<E> { title: string; edits: E[]; isPreferred?: boolean }

export interface LocalDiagnostic {
  span: BodySpan;
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  /** Defaults to 'runbook'. ShellCheck findings use 'shellcheck'. */
  source?: string;
  codeDescriptionHref?: string;
  fixes?: Fix<TextEditLocal | { infoString: string }>[];
}

export type MetricSource = 'promql-block' | 'yaml-expr' | 'shell' | 'inline' | 'prose';

export interface MetricRef {
  name: string;
  range: Range;
  source: MetricSource;
  /** 0..1: how sure we are this is a Prometheus metric name. */
  confidence: number;
  blockIndex?: number;
  /** The PromQL expression the name came from, when there is one. */
  expr?: string;
  exprRange?: Range;
}

export interface Placeholder {
  /** Normalised name used to prompt once per name, e.g. `pid`, `YYYYMMDD`, `VAR`. */
  name: string;
  kind: 'angle' | 'brace' | 'bracket' | 'date' | 'ellipsis' | 'variable';
  /** The text as written, e.g. `<pid>` or `${VAR}`. */
  text: string;
  range: Range;
  blockIndex: number;
}

export interface DangerFinding {
  rule: string;
  reason: string;
  range: Range;
  blockIndex: number;
}

/** What a block analyzer returns: everything in body offsets. */
export interface BlockFindings {
  diagnostics?: LocalDiagnostic[];
  metrics?: (Omit<MetricRef, 'range' | 'exprRange' | 'blockIndex'> & { span: BodySpan; exprSpan?: BodySpan })[];
  placeholders?: (Omit<Placeholder, 'range' | 'blockIndex'> & { span: BodySpan })[];
  dangers?: (Omit<DangerFinding, 'range' | 'blockIndex'> & { span: BodySpan })[];
}

export interface BlockAnalyzer {
  id: string;
  appliesTo(block: CodeBlock): boolean;
  /**
   * Must be a pure function of (block.body, block.lang, block.info, settings): results are cached
   * by content hash. `slow` analyzers (external processes such as ShellCheck) run in a second,
   * background pass so they never hold back syntax diagnostics.
   */
  analyze(block: CodeBlock, settings: Settings): BlockFindings | Promise<BlockFindings>;
  slow?: boolean;
}

/** Findings over the whole document, in document ranges. */
export interface DocFindings {
  diagnostics?: Diagnostic[];
  metrics?: MetricRef[];
  placeholders?: Placeholder[];
  dangers?: DangerFinding[];
}

export interface DocContext {
  model: RunbookModel;
  text: string;
  settings: Settings;
  /** Results of the block analyzers, already mapped to the document. */
  blockResults: Analysis;
  /** Variable names defined by the chosen environment (for `$VAR` placeholders). */
  envVariables: ReadonlySet<string>;
  /**
   * The document with its line table, built on first use and shared by all analyzers: a line
   * table of a 2 MB file costs milliseconds, so analyzers map positions locally where they can.
   */
  document(): TextDocument;
}

export interface DocumentAnalyzer {
  id: string;
  analyze(ctx: DocContext): DocFindings;
}

export interface Analysis {
  diagnostics: Diagnostic[];
  metrics: MetricRef[];
  placeholders: Placeholder[];
  dangers: DangerFinding[];
}

// The runbook model: what a Markdown runbook *is* to every feature (sections, steps, inline code).
// Plain data, no vscode import, so that the CLI, the LSP server and the tests share one truth.
import type { Range } from 'vscode-languageserver-textdocument';

export type { Range, Position } from 'vscode-languageserver-textdocument';

/** Normalised block language. `none` is a fence with no info string. */
export type BlockLang = 'shell' | 'promql' | 'logql' | 'yaml' | 'json' | 'powershell' | 'http' | 'other' | 'none';

export interface Section {
  /** Heading text, inline markup stripped. */
  title: string;
  /** Titles from the top-level heading down to this one. */
  path: string[];
  depth: number;
  headingRange: Range;
  /** From the heading to just before the next heading of the same or higher level. */
  range: Range;
}

export interface CodeBlock {
  /** 0-based order of the block in the document (fenced and indented together). */
  index: number;
  kind: 'fenced' | 'indented';
  /** The whole info string after the fence, trimmed. */
  info: string;
  /** First word of the info string, lower-cased ('' when none). */
  rawLang: string;
  lang: BlockLang;
  /** The whole block, fences included. */
  range: Range;
  /** The body lines only (empty range at the body start when the body is empty). */
  bodyRange: Range;
  /** Body text as mdast gives it: list/quote indentation stripped, lines joined with \n. */
  body: string;
  /**
   * For each body line, the document offset where that body line's text starts.
   * Maps body offsets back to the document even when indentation was stripped.
   */
  bodyLineStarts: number[];
  /** False when no closing fence exists (the block swallowed text up to the end of its container). */
  closed: boolean;
  fence?: { char: '`' | '~'; length: number };
  /** Where the info string is (or would go) on the opening fence line; fenced blocks only. */
  infoRange?: Range;
  /** Path of the section the block sits in ([] before the first heading). */
  sectionPath: string[];
  /** True when the block is inside a list item or block quote. */
  nested: boolean;
  /** Index of the block this one shows the expected output of. */
  expectedOutputOf?: number;
  /** Index of the block holding this block's expected output. */
  expectedOutput?: number;
}

export interface InlineCode {
  /** The code text, without backticks. */
  text: string;
  /** The range of the text inside the backticks. */
  range: Range;
  /** Document offset of range.start. */
  offset: number;
  sectionPath: string[];
}

/** A paragraph's raw source lines, for prose-level scans (unfenced commands, PromQL hints). */
export interface Paragraph {
  text: string;
  range: Range;
  /** Document offset of `text`'s first character. */
  offset: number;
  /** True when the paragraph is inside a list item. */
  inList: boolean;
}

export interface FrontMatter {
  kind: 'yaml' | 'toml';
  value: string;
  range: Range;
}

export interface RunbookModel {
  uri: string;
  version: number;
  sections: Section[];
  blocks: CodeBlock[];
  inlineCodes: InlineCode[];
  paragraphs: Paragraph[];
  frontMatter?: FrontMatter;
}

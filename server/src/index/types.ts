// What the workspace index keeps per runbook: plain, small facts found by a line scan. No mdast
// and no text, so a thousand closed runbooks cost a few megabytes, and the facts serialise as-is
// into the on-disk cache.
import type { RuleFact } from '../alertLinks/ruleLines';

/** A heading. Lines and characters are LSP positions (0-based, UTF-16). */
export interface SectionFact {
  title: string;
  depth: number;
  line: number;
  /** Where the heading text starts and ends on its line. */
  char: number;
  endChar: number;
  /** Last line of the section (before the next heading of the same or a higher level). */
  endLine: number;
}

/** One place a metric name is written. The name is ASCII, so it spans `name.length` characters. */
export interface MentionFact {
  name: string;
  line: number;
  char: number;
  /** A PromQL context (fence, alert rule, query) or a name with a metric suffix, not just snake_case prose. */
  strong: boolean;
  /** The line documents the metric: a list item or table row that starts by naming it, or a heading. */
  definition: boolean;
}

export interface FileFacts {
  sections: SectionFact[];
  mentions: MentionFact[];
  /** Alerting rules written in the runbook's YAML blocks (absent when there are none). */
  rules?: RuleFact[];
}

// The text a completion replaces, and the edit each item makes. Without an explicit range VS Code
// falls back to the language's word at the cursor, and Markdown's word stops at `_`: typing
// `accumen_` then accepting `accumen_mempool_size` gave `accumen_accumen_mempool_size`, and the
// list was not filtered at all. So every item carries a range over what was typed and a filterText.
import type { CompletionItem, Range } from 'vscode-languageserver-types';

/** The identifier or duration being typed just before the cursor (may be empty). */
export function typedWord(before: string): string {
  return before.match(/[a-zA-Z0-9_:]*$/)![0];
}

export interface EditTarget {
  /** From the start of what was typed to the cursor. */
  range: Range;
  /** The cursor sits in a quoted label value whose closing quote is missing: add it. */
  closeQuote?: boolean;
}

/** Gives `item` a textEdit over `target.range`; the inserted text is what the item would insert. */
export function withEdit(item: CompletionItem, target: EditTarget): CompletionItem {
  const newText = (item.insertText ?? item.label) + (target.closeQuote ? '"' : '');
  const { insertText: _unused, ...rest } = item;
  return { ...rest, filterText: item.filterText ?? item.label, textEdit: { range: target.range, newText } };
}

/** True when the text after the cursor does not already close the label value being typed. */
export function needsClosingQuote(after: string): boolean {
  return !/^[^"{}\n]*"/.test(after);
}

// Hover and completion at a document offset, for the LSP layer: find the PromQL place, run the
// pure provider on the expression, map the answer back to document positions.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import type { RunbookModel } from '../model/types';
import { promqlPlaceAt, promqlPlaceInFile, type PromqlPlace } from './places';
import { promqlHover } from './hover';
import { promqlCompletions, type CompletionExtra } from './completion';

function hoverIn(place: PromqlPlace | undefined, doc: TextDocument): Hover | undefined {
  if (!place) return undefined;
  const h = promqlHover(place.expr, place.index);
  if (!h) return undefined;
  return { contents: h.contents, range: { start: doc.positionAt(place.docOffset(h.from)), end: doc.positionAt(place.docOffset(h.to)) } };
}

/** Hover for a Markdown runbook; undefined when the offset is not on a PromQL function. */
export function promqlHoverAt(model: RunbookModel, text: string, offset: number): Hover | undefined {
  return hoverIn(promqlPlaceAt(model, text, offset), TextDocument.create(model.uri, 'markdown', model.version, text));
}

/** Completion items for a Markdown runbook; undefined when the offset is not in a PromQL place. */
export function promqlCompletionsAt(model: RunbookModel, text: string, offset: number, extra: CompletionExtra = {}): CompletionItem[] | undefined {
  const place = promqlPlaceAt(model, text, offset);
  return place && promqlCompletions(place.expr, place.index, extra);
}

/** The same for a standalone `.promql` file. */
export function promqlFileHover(text: string, offset: number): Hover | undefined {
  return hoverIn(promqlPlaceInFile(text, offset), TextDocument.create('file:///x.promql', 'promql', 0, text));
}

export function promqlFileCompletions(text: string, offset: number, extra: CompletionExtra = {}): CompletionItem[] {
  const place = promqlPlaceInFile(text, offset)!;
  return promqlCompletions(place.expr, place.index, extra);
}

// The runbook's outline: sections nest by heading level, and each section lists its steps.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import type { RunbookModel } from '../../model/types';
import { runnableBlocks } from '../../run/plan';

export function documentSymbols(model: RunbookModel): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; sym: DocumentSymbol }[] = [];
  // Only steps are listed, numbered as the Run lenses, prompts and records number them.
  const blocks = runnableBlocks(model);
  const steps = new Map(blocks.map((b, i) => [b.index, i + 1]));
  const stepName = (b: RunbookModel['blocks'][number]) => `${b.rawLang || 'text'} · step ${steps.get(b.index)}`;
  const blockSym = (b: RunbookModel['blocks'][number]): DocumentSymbol => ({ name: stepName(b), detail: b.closed ? undefined : 'unclosed', kind: SymbolKind.Function, range: b.range, selectionRange: b.range });
  // Blocks before the first heading sit at the top level.
  while (blocks.length && (!model.sections.length || before(blocks[0].range.start, model.sections[0].range.start))) roots.push(blockSym(blocks.shift()!));
  model.sections.forEach((s, i) => {
    const sym: DocumentSymbol = { name: s.title || '(untitled)', kind: SymbolKind.String, range: s.range, selectionRange: s.headingRange, children: [] };
    while (stack.length && stack[stack.length - 1].depth >= s.depth) stack.pop();
    (stack.length ? stack[stack.length - 1].sym.children! : roots).push(sym);
    stack.push({ depth: s.depth, sym });
    const next = model.sections[i + 1];
    while (blocks.length && (!next || before(blocks[0].range.start, next.range.start))) sym.children!.push(blockSym(blocks.shift()!));
  });
  return roots;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export const symbolsFeature: Feature = {
  capabilities: { documentSymbolProvider: true },
  register({ connection, store }) {
    connection.onDocumentSymbol(p => {
      const model = store.model(p.textDocument.uri);
      return model ? documentSymbols(model) : [];
    });
  },
};

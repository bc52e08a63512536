// Quick fixes travel on each diagnostic's `data`, computed by the check that found the problem,
// so offering them needs no re-analysis and can never disagree with the diagnostic. Two more are
// built here from the document: "fill in this placeholder" (asks for the value, so it is a client
// command, offered only to clients that have it) and "silence this code in this block".
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import type { Fix, TextEditDoc } from '../../analysis/types';
import type { RunbookModel } from '../../model/types';
import { silenceInBlock } from '../../suppression/silenceEdit';

import { FILL_PLACEHOLDER_COMMAND, type FillPlaceholderArgs } from './codeActionsProtocol';

export function quickFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const fixes = (d.data as { fixes?: Fix<TextEditDoc>[] } | undefined)?.fixes ?? [];
    for (const f of fixes) {
      out.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: f.isPreferred, edit: { changes: { [uri]: f.edits } } });
    }
  }
  return out;
}

const FILLABLE = /^(<[^<>\n]+>|[YMDhms_-]*(YYYY|YY|MM|DD)[YMDhms_-]*)$/;

/** `<PAYOUT_ID>` or `YYYYMMDD`: every occurrence in the same block is filled in with one value. */
export function placeholderFills(uri: string, text: string, model: RunbookModel, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (p: Diagnostic['range']['start']) => (lineStarts[p.line] ?? text.length) + p.character;
  for (const d of diagnostics) {
    if (d.code !== 'placeholder') continue;
    const shown = text.slice(offset(d.range.start), offset(d.range.end));
    if (!FILLABLE.test(shown)) continue;
    const block = blockAt(model, d.range.start.line);
    if (!block) continue;
    const ranges: Diagnostic['range'][] = [];
    const from = offset({ line: block.bodyRange.start.line, character: 0 });
    const to = offset(block.bodyRange.end);
    for (let i = text.indexOf(shown, from); i >= 0 && i + shown.length <= to; i = text.indexOf(shown, i + shown.length)) {
      const line = lineStarts.findLastIndex((s) => s <= i);
      ranges.push({ start: { line, character: i - lineStarts[line]! }, end: { line, character: i - lineStarts[line]! + shown.length } });
    }
    const args: FillPlaceholderArgs = { uri, text: shown, ranges };
    out.push({ title: `Fill in ${shown}…`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Fill in ${shown}`, command: FILL_PLACEHOLDER_COMMAND, arguments: [args] } });
  }
  return out;
}

export function silencers(uri: string, text: string, model: RunbookModel, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const code = String(d.code ?? '');
    const block = blockAt(model, d.range.start.line);
    if (!code || !block || seen.has(`${block.index}\0${code}`)) continue;
    seen.add(`${block.index}\0${code}`);
    out.push({ title: `Silence ${code} in this block (<!-- runbook-disable ${code} -->)`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: [silenceInBlock(text, block, code)] } } });
  }
  return out;
}

function blockAt(model: RunbookModel, line: number): RunbookModel['blocks'][number] | undefined {
  return model.blocks.find((b) => line >= b.range.start.line && line <= b.range.end.line);
}

export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(ctx) {
    ctx.connection.onCodeAction(p => {
      const uri = p.textDocument.uri;
      const diags = p.context.diagnostics;
      const doc = ctx.store.documents.get(uri);
      const model = doc && doc.languageId === 'markdown' ? ctx.store.model(uri) : undefined;
      if (!doc || !model) return quickFixes(uri, diags);
      const text = doc.getText();
      const canFill = ctx.initOptions().fillPlaceholderCommand === true;
      return [...quickFixes(uri, diags), ...(canFill ? placeholderFills(uri, text, model, diags) : []), ...silencers(uri, text, model, diags)];
    });
  },
};

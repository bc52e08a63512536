// Diagnostics for a standalone `.promql` file: the whole file reads like one promql fence.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Fix, TextEditDoc } from '../analysis/types';
import { analyzePromqlBody } from './blockAnalyzer';

export function promqlFileDiagnostics(text: string, uri = 'file:///untitled.promql'): Diagnostic[] {
  const doc = TextDocument.create(uri, 'promql', 0, text);
  const range = (s: { start: number; end: number }) => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });
  return (analyzePromqlBody(text).diagnostics ?? []).map((d) => {
    const fixes: Fix<TextEditDoc>[] = (d.fixes ?? []).map((f) => ({
      title: f.title, isPreferred: f.isPreferred,
      edits: f.edits.flatMap((e) => ('span' in e ? [{ range: range(e.span), newText: e.newText }] : [])),
    }));
    return {
      range: range(d.span), severity: d.severity, code: d.code, source: 'runbook', message: d.message,
      ...(d.codeDescriptionHref ? { codeDescription: { href: d.codeDescriptionHref } } : {}),
      ...(fixes.length ? { data: { fixes } } : {}),
    };
  });
}

// Quick fixes travel on each diagnostic's `data`, computed by the check that found the problem,
// so offering them needs no re-analysis and can never disagree with the diagnostic.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import type { Fix, TextEditDoc } from '../../analysis/types';

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

export const codeActionsFeature: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register({ connection }) {
    connection.onCodeAction(p => quickFixes(p.textDocument.uri, p.context.diagnostics));
  },
};

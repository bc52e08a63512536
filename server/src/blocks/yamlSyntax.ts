// `yaml/syntax`: YAML blocks parsed with the `yaml` package, errors at their exact ranges.
import { parseAllDocuments } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, LocalDiagnostic } from '../analysis/types';

const maxErrors = 5;

export function yamlFindings(body: string): BlockFindings {
  // Helm/Jinja templates are not YAML until rendered; checking them would only produce noise.
  if (!body.trim() || /\{\{|\{%/.test(body)) return {};
  const diagnostics: LocalDiagnostic[] = [];
  for (const doc of parseAllDocuments(body, { prettyErrors: false })) {
    for (const e of doc.errors) {
      if (diagnostics.length >= maxErrors) break;
      let [start, end] = e.pos;
      // An unclosed quote is reported at EOF; the opening quote is where the user must look.
      const quote = /closing (["'])quote/.exec(e.message);
      const open = quote ? body.lastIndexOf(quote[1], start - 1) : -1;
      if (open >= 0) [start, end] = [open, open + 1];
      else if (start >= body.length) {
        start = Math.max(0, body.trimEnd().length - 1);
        end = start + 1;
      }
      diagnostics.push({
        span: { start, end: Math.max(end, Math.min(start + 1, body.length)) },
        severity: DiagnosticSeverity.Error,
        code: 'yaml/syntax',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      });
    }
  }
  return diagnostics.length ? { diagnostics } : {};
}

export const yamlSyntax: BlockAnalyzer = {
  id: 'yaml/syntax',
  appliesTo: (b) => b.lang === 'yaml',
  analyze: (block) => yamlFindings(block.body),
};

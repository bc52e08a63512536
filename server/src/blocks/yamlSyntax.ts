// `yaml/syntax`: YAML blocks parsed with the `yaml` package, errors at their exact ranges. Examples
// that leave parts out (a `...` or `…` line, a `# ...` line) are documentation: the elisions are
// read as comments and get a hint; only YAML that is broken with them left out is an error.
import { parseAllDocuments } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, BodySpan, LocalDiagnostic } from '../analysis/types';

/** A line that is only an elision (`...`, `…`, `[...]`, `<snip>`), perhaps with words after it, or `# ...`. */
const elisionLine = /^[ \t]*(#[ \t]*)?(\.{3,}|…|\[(?:\.{3}|…)\]|<snip(?:ped)?>)(?:[ \t].*)?$/gm;

const leadingPrompt = /^(?:[ \t]*\$ \S[^\n]*(?:\n|$))+/;

/** The elisions, and the body with each turned into a comment of the same length. */
export function maskYamlElisions(body: string): { masked: string; elisions: BodySpan[] } {
  const elisions: BodySpan[] = [];
  // The command that printed the YAML, with its prompt, often heads the block: `$ kubectl get … -o yaml`.
  const masked = body.replace(leadingPrompt, (lines: string) => lines.replace(/^([ \t]*)\$/gm, '$1#')).replace(elisionLine, (line: string, hash: string | undefined, dots: string, at: number) => {
    const start = at + line.indexOf(dots);
    elisions.push({ start, end: start + dots.length });
    return hash ? line : line.replace(dots, '#' + dots.slice(1));
  });
  return { masked, elisions };
}

/**
 * The elisions read as keys instead (`_elided:`): an elided part often ends with a parent key, so
 * what follows is indented deeper than what came before (`kind: Pod`, `...`, `    status:`).
 */
function elisionsAsKeys(body: string): string {
  return body.replace(elisionLine, (line: string, hash: string | undefined, dots: string) =>
    hash ? line : line.slice(0, line.indexOf(dots)) + '_elided:' + (line.slice(line.indexOf(dots) + dots.length).trim() ? ' # elided' : ''));
}

function parsesClean(text: string): boolean {
  return parseAllDocuments(text, { prettyErrors: false }).every((d) => !d.errors.length);
}

export function yamlFindings(body: string): BlockFindings {
  // Helm/Jinja templates are not YAML until rendered; checking them would only produce noise.
  if (!body.trim() || /\{\{|\{%/.test(body)) return {};
  const diagnostics: LocalDiagnostic[] = [];
  const { masked, elisions } = maskYamlElisions(body);
  const docs = parseAllDocuments(masked, { prettyErrors: false });
  const broken = docs.some((d) => d.errors.length);
  const elidedParent = broken && elisions.length > 0 && parsesClean(elisionsAsKeys(body));
  for (const doc of broken && !elidedParent ? docs : []) {
    // Only the first error of a document: the parser's later ones follow from it.
    for (const e of doc.errors.slice(0, 1)) {
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
  if (!diagnostics.length) {
    for (const span of elisions) {
      diagnostics.push({ span, severity: DiagnosticSeverity.Hint, code: 'yaml/elision', message: 'Elided content: fine as documentation; the rest of this YAML is checked without it.' });
    }
  }
  return diagnostics.length ? { diagnostics } : {};
}

export const yamlSyntax: BlockAnalyzer = {
  id: 'yaml/syntax',
  appliesTo: (b) => b.lang === 'yaml',
  analyze: (block) => yamlFindings(block.body),
};

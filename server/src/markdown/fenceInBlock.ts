// `markdown/fence-in-block`: a block that does close, but only after a fence line with a language
// that the author likely meant as the close (see innerFences.ts). An unclosed block instead gets the
// line named in its one markdown/unclosed-fence error.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocumentAnalyzer } from '../analysis/types';
import { innerFences } from './innerFences';

export const fenceInBlock: DocumentAnalyzer = {
  id: 'markdown/fence-in-block',
  analyze({ model }) {
    const diagnostics: Diagnostic[] = [];
    for (const b of model.blocks) {
      if (!b.closed) continue;
      // The first one is the mis-written close; later ones follow from it.
      for (const f of innerFences(b).slice(0, 1)) {
        const line = b.bodyRange.start.line + f.bodyLine;
        const fence = (b.fence!.char).repeat(b.fence!.length);
        diagnostics.push({
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          severity: DiagnosticSeverity.Warning,
          code: 'markdown/fence-in-block',
          source: 'runbook',
          message: `This ${f.text} line is inside the code block that starts on line ${b.range.start.line + 1}: a closing fence takes no language, so that block runs on to line ${b.range.end.line + 1}. Close it with a bare ${fence}.`,
        });
      }
    }
    return { diagnostics };
  },
};

// `markdown/unclosed-fence`: a fence that is never closed swallows everything after it (the rest
// of its list item, or the rest of the file), so steps and prose silently become one code block.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DocumentAnalyzer } from '../analysis/types';
import { innerFences } from './innerFences';

export const unclosedFence: DocumentAnalyzer = {
  id: 'markdown/unclosed-fence',
  analyze({ model }) {
    const diagnostics = model.blocks
      .filter(b => b.kind === 'fenced' && !b.closed)
      .map(b => {
        const fence = (b.fence?.char ?? '`').repeat(b.fence?.length ?? 3);
        const where = b.nested ? 'the end of its list item or quote' : 'the end of the file';
        const lastLine = b.range.end.line + 1;
        const inner = innerFences(b)[0];
        const why = inner ? ` Line ${b.bodyRange.start.line + inner.bodyLine + 1} (${inner.text}) does not close it: a closing fence takes no language.` : '';
        return {
          range: { start: b.range.start, end: { line: b.range.start.line, character: b.infoRange ? b.infoRange.end.character : b.range.start.character + fence.length } },
          severity: DiagnosticSeverity.Error,
          code: 'markdown/unclosed-fence',
          source: 'runbook',
          message: `Code block is never closed: it runs to line ${lastLine} (${where}) and swallows everything in between. Add a closing ${fence} line.${why}`,
        };
      });
    return { diagnostics };
  },
};

// `verify/options`: a verification or precondition block whose info string has an option the run
// cannot use (`timeout=5x`, `wait=5m`): an error, since running it is refused with that message.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocumentAnalyzer } from '../analysis/types';
import { verifySpecOrError } from './spec';

export const verifyOptions: DocumentAnalyzer = {
  id: 'verify/options',
  analyze: ({ model }) => {
    const diagnostics: Diagnostic[] = [];
    for (const b of model.blocks) {
      if (b.lang !== 'promql' || !b.infoRange) continue;
      const { error } = verifySpecOrError(b);
      if (error) diagnostics.push({ range: b.infoRange, severity: DiagnosticSeverity.Error, code: 'verify/options', source: 'runbook', message: error });
    }
    return { diagnostics };
  },
};

// Publishes each analysis pass. The fast pass (syntax) arrives first; the full pass (ShellCheck
// and other external tools) replaces it when ready.
import type { Feature } from '../featureContext';
import { diagnosticsBoardOf } from '../diagnosticsBoard';
import { capDiagnostics } from '../../analysis/diagnosticCap';

export const diagnosticsFeature: Feature = {
  capabilities: {},
  register({ connection, store }) {
    const board = diagnosticsBoardOf(connection);
    // Capped for the editor only: the analysis keeps every finding (the CLI counts them all).
    store.onAnalysed((uri, result) => board.set(uri, 'analysis', capDiagnostics(result.analysis.diagnostics, result.model.blocks), result.model.version));
    store.documents.onDidClose(e => board.clear(e.document.uri));
  },
};

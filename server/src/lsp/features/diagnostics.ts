// Publishes each analysis pass. The fast pass (syntax) arrives first; the full pass (ShellCheck
// and other external tools) replaces it when ready.
import type { Feature } from '../featureContext';
import { diagnosticsBoardOf } from '../diagnosticsBoard';

export const diagnosticsFeature: Feature = {
  capabilities: {},
  register({ connection, store }) {
    const board = diagnosticsBoardOf(connection);
    // Already capped for the editor (offload/passes.ts); the CLI still counts every finding.
    store.onAnalysed((uri, result) => board.set(uri, 'analysis', result.diagnostics, result.version));
    store.documents.onDidClose(e => board.clear(e.document.uri));
  },
};

// Publishes each analysis pass. The fast pass (syntax) arrives first; the full pass (ShellCheck
// and other external tools) replaces it when ready.
import type { Feature } from '../featureContext';

export const diagnosticsFeature: Feature = {
  capabilities: {},
  register({ connection, store }) {
    store.onAnalysed((uri, result) => {
      void connection.sendDiagnostics({ uri, version: result.model.version, diagnostics: result.analysis.diagnostics });
    });
    store.documents.onDidClose(e => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  },
};

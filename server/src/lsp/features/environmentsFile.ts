// Diagnostics for `.runbook/environments.yaml` while it is open: unknown keys, bad URLs, duplicate
// names, from the same parser the run engine and the CLI use.
import type { Feature } from '../featureContext';
import { ENVIRONMENTS_FILE, parseEnvironments } from '../../environments/load';

export function isEnvironmentsFile(uri: string): boolean {
  return uri.endsWith(`/${ENVIRONMENTS_FILE}`);
}

export const environmentsFileFeature: Feature = {
  capabilities: {},
  register({ connection, store }) {
    store.documents.onDidClose(e => { if (isEnvironmentsFile(e.document.uri)) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }); });
    // Fires on open as well as on every change; only the environments file's text is read.
    store.documents.onDidChangeContent(({ document: d }) => {
      if (isEnvironmentsFile(d.uri)) void connection.sendDiagnostics({ uri: d.uri, version: d.version, diagnostics: parseEnvironments(d.getText()).diagnostics });
    });
  },
};

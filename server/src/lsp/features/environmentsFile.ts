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
    const publish = (uri: string, version: number, text: string) => {
      if (!isEnvironmentsFile(uri)) return;
      void connection.sendDiagnostics({ uri, version, diagnostics: parseEnvironments(text).diagnostics });
    };
    // Fires on open as well as on every change.
    store.documents.onDidChangeContent(e => publish(e.document.uri, e.document.version, e.document.getText()));
  },
};

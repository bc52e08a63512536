// `runbook/serverInfo`: which server process answers. Editors show it in diagnostics reports, and
// the e2e suite uses the pid to kill the server and watch the client bring it back.
import type { Feature } from '../featureContext';

export const SERVER_INFO_REQUEST = 'runbook/serverInfo';

export const serverInfoFeature: Feature = {
  capabilities: {},
  register({ connection }) {
    connection.onRequest(SERVER_INFO_REQUEST, () => ({ pid: process.pid, version: '0.1.0', node: process.version }));
  },
};

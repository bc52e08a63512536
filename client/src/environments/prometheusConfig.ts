// Answers the server's `runbook/prometheusConfig`: the chosen environment's Prometheus URL and
// headers, credentials included, resolved here because the secrets live in SecretStorage. A
// missing secret is reported, never prompted for: hovering must not open input boxes. In an
// untrusted workspace no credentials are resolved at all.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Environments } from './environments';
import { storedSecretSource } from './secretStorage';
import { PROMETHEUS_CONFIG_REQUEST, hasPrometheus, type PrometheusConfigParams, type PrometheusConfigResult } from '../../../server/src/lsp/liveMetrics';

export function servePrometheusConfig(client: LanguageClient, envs: Environments, storage: vscode.SecretStorage): vscode.Disposable {
  return client.onRequest(PROMETHEUS_CONFIG_REQUEST, async ({ env }: PrometheusConfigParams): Promise<PrometheusConfigResult> => {
    const def = envs.find(env);
    if (!def) return { env, error: `no environment named "${env}"` };
    if (!hasPrometheus(def)) return { env };
    // In Restricted Mode the environments file is the untrusted repository's: never hand it
    // credentials, or a cloned repo could point `staging` at its own host and collect them.
    const needsSecrets = def.secrets.length > 0 || !!def.prometheus?.auth || !!def.alertmanager?.auth;
    if (!vscode.workspace.isTrusted && needsSecrets) {
      return { env, error: 'the workspace is not trusted, so no credentials are sent (trust the workspace to see live metrics here)' };
    }
    try {
      const resolved = await envs.resolve(def, storedSecretSource(storage));
      return {
        env,
        prometheus: resolved.prometheus && { url: resolved.prometheus.url, headers: resolved.prometheus.headers },
        ...(resolved.alertmanager ? { alertmanager: { url: resolved.alertmanager.url, headers: resolved.alertmanager.headers } } : {}),
        ...(resolved.alertmanagerError ? { alertmanagerError: resolved.alertmanagerError } : {}),
      };
    } catch (e) {
      return { env, error: e instanceof Error ? e.message : String(e) };
    }
  });
}

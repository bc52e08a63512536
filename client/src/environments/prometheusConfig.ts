// Answers the server's `runbook/prometheusConfig`: the chosen environment's Prometheus URL and
// headers, credentials included, resolved here because the secrets live in SecretStorage. A
// missing secret is reported, never prompted for: hovering must not open input boxes.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Environments } from './environments';
import { storedSecretSource } from './secretStorage';
import { PROMETHEUS_CONFIG_REQUEST, hasPrometheus, type PrometheusConfigParams, type PrometheusConfigResult } from '../../../server/src/lsp/liveMetrics';

export function servePrometheusConfig(client: LanguageClient, envs: Environments, storage: vscode.SecretStorage): vscode.Disposable {
  return client.onRequest(PROMETHEUS_CONFIG_REQUEST, async ({ env }: PrometheusConfigParams): Promise<PrometheusConfigResult> => {
    const def = envs.find(env);
    if (!def) return { env, error: `no environment named "${env}"` };
    if (!hasPrometheus(def)) return { env };
    try {
      const resolved = await envs.resolve(def, storedSecretSource(storage));
      return { env, prometheus: { url: resolved.prometheus.url, headers: resolved.prometheus.headers } };
    } catch (e) {
      return { env, error: e instanceof Error ? e.message : String(e) };
    }
  });
}

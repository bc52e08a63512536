// An environment's Prometheus for the CLI (`report`, `check --env`): credentials from the process
// environment, as `runbook run` takes them, and only those Prometheus needs (a step's own
// secrets are not required to read metrics). The secret values the environments name, to mask.
import { loadEnvironments, environmentList, resolveEnvironment, processEnvSecrets, hasPrometheus } from '../environments/resolve';
import type { EnvironmentDef } from '../environments/types';
import { MIN_SECRET_LENGTH } from '../run/redact';
import { PrometheusClient } from '../prometheus/client';

export interface CliEnvironments { file: string; defs: EnvironmentDef[]; errors: string[] }

export async function cliEnvironments(root: string): Promise<CliEnvironments> {
  const envFile = await loadEnvironments(root);
  const errors = envFile.diagnostics.filter((d) => d.severity === 1).map((d) => `${envFile.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  return { file: envFile.file, defs: environmentList(envFile), errors };
}

/** The client, or why there is none, in words. */
export async function prometheusOf(def: EnvironmentDef | undefined, name: string, root: string): Promise<PrometheusClient | string> {
  if (!def) return `no environment '${name}' in .runbook/environments.yaml`;
  if (!hasPrometheus(def)) return `environment '${name}' has no Prometheus`;
  const env = await resolveEnvironment({ ...def, secrets: [] }, { workspaceFolder: root, baseEnv: process.env, secrets: processEnvSecrets() });
  return new PrometheusClient({ name: env.name, prometheus: env.prometheus! });
}

/** Every secret value the environments name that is set in the process environment. */
export function knownSecretValues(defs: readonly EnvironmentDef[], env: NodeJS.ProcessEnv = process.env): string[] {
  const names = defs.flatMap((d) => [...d.secrets, d.prometheus?.auth?.bearer, d.prometheus?.auth?.basic?.password]);
  const values = names.flatMap((n) => (n && env[n] && env[n]!.length >= MIN_SECRET_LENGTH ? [env[n]!] : []));
  // A basic-auth password is sent base64-encoded with its user: that form is a secret too.
  for (const d of defs) {
    const b = d.prometheus?.auth?.basic;
    const pw = b && env[b.password];
    if (b && pw) values.push(Buffer.from(`${b.username}:${pw}`).toString('base64'));
  }
  return [...new Set(values)];
}

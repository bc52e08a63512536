// The chosen environment's Prometheus, for hover, completion and the unknown-metric check.
// In VS Code the client resolves the environment (it holds the secrets, in SecretStorage) and
// answers `runbook/prometheusConfig`; other editors get the environments file resolved here, with
// secrets from the server's process environment.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENTS_FILE } from '../environments/load';
import type { FeatureContext } from './featureContext';
import { runStateOf } from './features/runState';
import { PrometheusClients } from '../prometheus/clients';
import type { PrometheusClient } from '../prometheus/client';
import type { PrometheusConfig } from '../prometheus/types';
import { environmentList, hasPrometheus, loadEnvironments, originOf, resolveEnvironment } from '../environments/resolve';
import { CredentialConsent } from './credentialConsent';
import { trustFile } from '../trust/trustedFolders';
import { AlertmanagerClient } from '../alertmanager/client';

export const PROMETHEUS_CONFIG_REQUEST = 'runbook/prometheusConfig';

export interface PrometheusConfigParams { env: string }
/** `prometheus` absent: the environment has none. `error`: why it could not be resolved. */
export interface PrometheusConfigResult { env: string; prometheus?: PrometheusConfig; alertmanager?: PrometheusConfig; alertmanagerError?: string; error?: string }

export interface LiveTarget { envName: string; client?: PrometheusClient; alertmanager?: AlertmanagerClient; alertmanagerError?: string; error?: string }

export class LiveMetrics {
  readonly clients = new PrometheusClients();
  private lastEnv?: string;

  private readonly consent: CredentialConsent;

  constructor(private readonly ctx: FeatureContext, private readonly clientResolves: () => boolean, private readonly root: () => string | undefined) {
    this.consent = new CredentialConsent(ctx.connection, () => {
      const t = ctx.initOptions().trustedFolders;
      return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
    });
  }

  /** The Prometheus client of the current environment (or why there is none). Never throws. */
  async current(): Promise<LiveTarget> {
    const envName = runStateOf(this.ctx).env.name;
    if (this.lastEnv !== undefined && this.lastEnv !== envName) this.clients.invalidate(this.lastEnv);
    this.lastEnv = envName;
    try {
      const cfg = this.clientResolves()
        ? await this.ctx.connection.sendRequest<PrometheusConfigResult>(PROMETHEUS_CONFIG_REQUEST, { env: envName } satisfies PrometheusConfigParams)
        : await this.resolveLocally(envName);
      if (cfg.error) return { envName, error: cfg.error };
      return { envName, client: this.clients.for({ name: envName, prometheus: cfg.prometheus }), alertmanager: this.alertmanagerFor(envName, cfg.alertmanager), alertmanagerError: cfg.alertmanagerError };
    } catch (e) {
      return { envName, error: e instanceof Error ? e.message : String(e) };
    }
  }

  private alertmanagers = new Map<string, { fingerprint: string; client: AlertmanagerClient }>();

  /** One Alertmanager client per environment, replaced when its settings change. */
  private alertmanagerFor(envName: string, cfg: PrometheusConfig | undefined): AlertmanagerClient | undefined {
    const have = this.alertmanagers.get(envName);
    const fingerprint = JSON.stringify(cfg ?? null);
    if (have?.fingerprint === fingerprint) return have.client;
    if (have) { this.alertmanagers.delete(envName); void have.client.close().catch(() => undefined); }
    if (!cfg) return undefined;
    const client = new AlertmanagerClient(envName, cfg);
    this.alertmanagers.set(envName, { fingerprint, client });
    return client;
  }

  private resolved?: { key: string; result: Promise<PrometheusConfigResult> };

  /** Reading, parsing and resolving the environments file took 1-5 ms of every hover: the answer
   * is kept while the file (its identity, size and mtime) and the environment name stay the same. */
  private resolveLocally(envName: string): Promise<PrometheusConfigResult> {
    const root = this.root() ?? process.cwd();
    let stamp = 'missing';
    try { const st = statSync(join(root, ENVIRONMENTS_FILE)); stamp = `${st.ino}:${st.size}:${st.mtimeMs}`; } catch { /* no file: `local` only */ }
    // Trusting the folder later takes effect at the next hover.
    try { const st = statSync(trustFile()); stamp += `|${st.size}:${st.mtimeMs}`; } catch { /* no trust file */ }
    const key = JSON.stringify([root, envName, stamp]);
    if (this.resolved?.key !== key) {
      const result = this.resolveFresh(root, envName);
      this.resolved = { key, result };
      result.catch(() => { if (this.resolved?.result === result) this.resolved = undefined; });
    }
    return this.resolved.result;
  }

  private async resolveFresh(root: string, envName: string): Promise<PrometheusConfigResult> {
    const file = await loadEnvironments(root);
    const def = environmentList(file).find(e => e.name === envName);
    if (!def) return { env: envName, error: `no environment named "${envName}"` };
    if (!hasPrometheus(def)) return { env: envName };
    // Credentials named by the workspace's own file: only for a trusted folder, and after the user saw the host.
    const auth = def.prometheus?.auth;
    const names = auth?.bearer ? [auth.bearer] : auth?.basic ? [auth.basic.password] : [];
    if (names.length) {
      const refused = await this.consent.check(root, envName, originOf(def.prometheus!.url), names);
      if (refused) return { env: envName, error: refused };
    }
    // The Alertmanager's credentials get their own consent, for their own host.
    const amAuth = def.alertmanager?.auth;
    const amNames = amAuth?.bearer ? [amAuth.bearer] : amAuth?.basic ? [amAuth.basic.password] : [];
    const amRefused = amNames.length ? await this.consent.check(root, envName, originOf(def.alertmanager!.url), amNames) : undefined;
    const secrets = { get: async (name: string) => process.env[name] };
    const env = await resolveEnvironment(amRefused ? { ...def, alertmanager: undefined } : def, { workspaceFolder: root, baseEnv: process.env, secrets });
    return {
      env: envName,
      prometheus: env.prometheus && { url: env.prometheus.url, headers: env.prometheus.headers },
      ...(env.alertmanager ? { alertmanager: { url: env.alertmanager.url, headers: env.alertmanager.headers } } : {}),
      ...(amRefused ?? env.alertmanagerError ? { alertmanagerError: amRefused ?? env.alertmanagerError } : {}),
    };
  }
}

export { hasPrometheus };

const instances = new WeakMap<FeatureContext['connection'], LiveMetrics>();

export function liveMetricsOf(ctx: FeatureContext): LiveMetrics {
  let m = instances.get(ctx.connection);
  if (!m) {
    m = new LiveMetrics(ctx, () => ctx.initOptions().clientResolvesEnvironments === true, () => {
      const uri = ctx.workspaceRoot();
      return uri?.startsWith('file:') ? fileURLToPath(uri) : undefined;
    });
    instances.set(ctx.connection, m);
  }
  return m;
}

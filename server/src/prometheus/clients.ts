// One client per environment, reused while its Prometheus settings stay the same. Switching or
// editing an environment drops the old client's cache and connections.
import { PrometheusClient } from './client';
import type { ClientOptions, PrometheusEnvironment } from './types';

export class PrometheusClients {
  private readonly clients = new Map<string, { fingerprint: string; client: PrometheusClient }>();

  constructor(private options: Partial<ClientOptions> = {}) {}

  /** The client for `env`, or undefined when it has no Prometheus. */
  for(env: PrometheusEnvironment): PrometheusClient | undefined {
    if (!env.prometheus?.url) { this.drop(env.name); return undefined; }
    const fingerprint = JSON.stringify([env.prometheus, this.options]);
    const have = this.clients.get(env.name);
    if (have?.fingerprint === fingerprint) return have.client;
    this.drop(env.name);
    const client = new PrometheusClient(env, this.options);
    this.clients.set(env.name, { fingerprint, client });
    return client;
  }

  /** New timeouts, limits or TTLs apply to clients created from now on. */
  configure(options: Partial<ClientOptions>): void {
    this.options = options;
    this.closeAll();
  }

  /** Clears cached values of one environment (or all), e.g. when the user switches environment. */
  invalidate(name?: string): void {
    for (const [n, { client }] of this.clients) if (name === undefined || n === name) client.invalidate();
  }

  drop(name: string): void {
    const have = this.clients.get(name);
    if (!have) return;
    this.clients.delete(name);
    void have.client.close().catch(() => undefined);
  }

  closeAll(): void {
    for (const name of [...this.clients.keys()]) this.drop(name);
  }
}

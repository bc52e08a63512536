// An environment's Alertmanager, API v2: list silences, create one, expire one. Same door as
// Prometheus (prometheus/transport.ts): timeouts, size cap, credentials that never leave the
// origin, secrets masked in every message. Nothing here runs unless the user clicked.
import { Transport } from '../prometheus/transport';
import { PrometheusError } from '../prometheus/errors';
import { defaultClientOptions, type ClientOptions, type PrometheusConfig } from '../prometheus/types';
import type { Matcher, NewSilence, Silence } from './types';
import { checkSilences, checkSilenceId } from './answerShape';
import { AlertmanagerError } from './errors';

export { AlertmanagerError };

export class AlertmanagerClient {
  readonly url: string;
  private readonly transport: Transport;
  private cachedSilences?: { at: number; list: Promise<Silence[]> };

  constructor(readonly envName: string, config: PrometheusConfig, private readonly options: ClientOptions = defaultClientOptions) {
    this.transport = new Transport(config, options);
    this.url = this.transport.base.href.replace(/\/$/, '');
  }

  /** Every silence Alertmanager keeps (active, pending, expired), cached as Prometheus values are. */
  silences(): Promise<Silence[]> {
    const now = Date.now();
    if (this.cachedSilences && now - this.cachedSilences.at < this.options.valuesTtlMs) return this.cachedSilences.list;
    const list = this.call(async () => checkSilences(await this.transport.json({ path: 'api/v2/silences', raw: true }), `${this.url}/api/v2/silences`));
    this.cachedSilences = { at: now, list };
    list.catch(() => { if (this.cachedSilences?.list === list) this.cachedSilences = undefined; });
    return list;
  }

  /** Creates the silence; returns its id. */
  async create(s: NewSilence): Promise<string> {
    this.cachedSilences = undefined;
    return this.call(async () => checkSilenceId(await this.transport.json({ path: 'api/v2/silences', method: 'POST', jsonBody: s, raw: true }), `${this.url}/api/v2/silences`));
  }

  async expire(id: string): Promise<void> {
    this.cachedSilences = undefined;
    await this.call(() => this.transport.json({ path: `api/v2/silence/${encodeURIComponent(id)}`, method: 'DELETE', raw: true }));
  }

  redact(text: string): string { return this.transport.redact(text); }
  close(): Promise<void> { return this.transport.close(); }

  /** Transport errors name Prometheus; these are the Alertmanager's. */
  private async call<T>(f: () => Promise<T>): Promise<T> {
    try { return await f(); } catch (e) {
      if (e instanceof PrometheusError) {
        const reason = e.kind === 'http' && e.status === 404 ? `${e.reason} (is this an Alertmanager with API v2, 0.16 or later?)` : e.reason;
        throw new AlertmanagerError(e.url, reason, e.status);
      }
      throw e;
    }
  }
}

export type { Matcher, NewSilence, Silence };

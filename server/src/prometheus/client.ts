// The Prometheus HTTP API for one environment, with a TTL cache in front: values for 15 s,
// metadata and name lists for longer. invalidate() drops everything (environment switch).
import { checkQueryData } from './queryShape';
import { checkMetadata, checkNames, checkSeries, checkTargets } from './answerShape';
import { checkAlerts, checkAlertingRules, type ActiveAlert, type AlertingRule } from './alertShape';
import { TtlCache } from './cache';
import { PrometheusError } from './errors';
import { Transport } from './transport';
import { defaultClientOptions, type ActiveTarget, type CallOptions, type ClientOptions, type Labels, type MetricMetadata, type PrometheusEnvironment, type QueryData } from './types';

export class PrometheusClient {
  readonly envName: string;
  readonly url: string;
  readonly options: ClientOptions;
  private readonly transport: Transport;
  private readonly cache = new TtlCache<unknown>();
  private readonly metadataMaps = new WeakMap<object, ReadonlyMap<string, MetricMetadata>>();
  /** undefined until probed; false when the server has no /api/v1/parse_query (before 2.50). */
  private parseQuerySupported: boolean | undefined;

  constructor(env: PrometheusEnvironment, options: Partial<ClientOptions> = {}) {
    if (!env.prometheus?.url) throw new PrometheusError('not-configured', '(none)', `environment "${env.name}" has no Prometheus URL`);
    this.envName = env.name;
    this.options = { ...defaultClientOptions, ...options };
    this.transport = new Transport(env.prometheus, this.options);
    this.url = this.transport.base.href.replace(/\/$/, '');
  }

  /** Requests currently being answered (not counting queued ones); for tests and status. */
  get inFlight(): number { return this.transport.limiter.inFlight; }
  get queued(): number { return this.transport.limiter.queued; }

  /** Instant query. Without `time`, the result is cached as "now" for the values TTL. */
  query(expr: string, opts: CallOptions & { time?: number } = {}): Promise<QueryData> {
    const params: [string, string][] = [['query', expr]];
    if (opts.time !== undefined) params.push(['time', String(opts.time)]);
    return this.cached(`q:${opts.time ?? ''}:${expr}`, this.options.valuesTtlMs, opts,
      async (signal) => checkQueryData(await this.transport.json({ path: 'api/v1/query', params, post: true, signal }), `${this.url}/api/v1/query`));
  }

  /** Range query; times in Unix seconds, step in seconds. */
  queryRange(expr: string, start: number, end: number, step: number, opts: CallOptions = {}): Promise<QueryData> {
    const params: [string, string][] = [['query', expr], ['start', String(start)], ['end', String(end)], ['step', String(step)]];
    return this.cached(`r:${start}:${end}:${step}:${expr}`, this.options.valuesTtlMs, opts,
      async (signal) => checkQueryData(await this.transport.json({ path: 'api/v1/query_range', params, post: true, signal }), `${this.url}/api/v1/query_range`));
  }

  /** Metadata for one metric, or for all when `metric` is omitted; keyed by metric name. */
  async metadata(metric?: string, opts: CallOptions = {}): Promise<ReadonlyMap<string, MetricMetadata>> {
    const params: [string, string][] = metric ? [['metric', metric]] : [];
    const data = await this.cached(`m:${metric ?? ''}`, this.options.metadataTtlMs, opts,
      async (signal) => checkMetadata<MetricMetadata>(await this.transport.json({ path: 'api/v1/metadata', params, signal }), `${this.url}/api/v1/metadata`));
    // One map per cached answer: the full list can hold 100k metrics, and completion asks for it
    // on every keystroke.
    const memo = typeof data === 'object' && data !== null ? this.metadataMaps.get(data) : undefined;
    if (memo) return memo;
    const out = new Map<string, MetricMetadata>();
    for (const [name, list] of Object.entries(data as Record<string, MetricMetadata[]>)) if (list[0]) out.set(name, list[0]);
    if (typeof data === 'object' && data !== null) this.metadataMaps.set(data, out);
    return out;
  }

  /** Every metric name with series (label __name__ values). */
  metricNames(opts: CallOptions = {}): Promise<string[]> {
    return this.labelValues('__name__', undefined, opts);
  }

  labels(match?: string[], opts: CallOptions = {}): Promise<string[]> {
    const params = (match ?? []).map((m): [string, string] => ['match[]', m]);
    return this.cached(`l:${params.join('|')}`, this.options.metadataTtlMs, opts,
      async (signal) => checkNames(await this.transport.json({ path: 'api/v1/labels', params, signal }), `${this.url}/api/v1/labels`));
  }

  labelValues(label: string, match?: string[], opts: CallOptions = {}): Promise<string[]> {
    const params = (match ?? []).map((m): [string, string] => ['match[]', m]);
    return this.cached(`lv:${label}:${params.join('|')}`, this.options.metadataTtlMs, opts,
      async (signal) => checkNames(await this.transport.json({ path: `api/v1/label/${encodeURIComponent(label)}/values`, params, signal }), `${this.url}/api/v1/label/…/values`));
  }

  series(match: string[], range: { start?: number; end?: number } = {}, opts: CallOptions = {}): Promise<Labels[]> {
    const params = match.map((m): [string, string] => ['match[]', m]);
    if (range.start !== undefined) params.push(['start', String(range.start)]);
    if (range.end !== undefined) params.push(['end', String(range.end)]);
    return this.cached(`s:${params.join('|')}`, this.options.valuesTtlMs, opts,
      async (signal) => checkSeries(await this.transport.json({ path: 'api/v1/series', params, post: true, signal }), `${this.url}/api/v1/series`));
  }

  /** Active scrape targets, or [] where the server has no targets API (Mimir, Thanos Querier). */
  async targets(opts: CallOptions = {}): Promise<ActiveTarget[]> {
    try {
      const data = await this.cached('t:', this.options.metadataTtlMs, opts,
        async (signal) => ({ activeTargets: checkTargets<ActiveTarget>(await this.transport.json({ path: 'api/v1/targets', params: [['state', 'active']], signal }), `${this.url}/api/v1/targets`) }));
      return data.activeTargets.map((t) => ({ labels: t.labels, scrapeInterval: t.scrapeInterval, health: t.health }));
    } catch (e) {
      if (e instanceof PrometheusError && e.kind === 'http' && e.status === 404) return [];
      throw e;
    }
  }

  /** Alerts pending or firing now. Cached as values are: a lens per section asks for the same list. */
  alerts(opts: CallOptions = {}): Promise<ActiveAlert[]> {
    return this.cached('a:', this.options.valuesTtlMs, opts, async (signal) =>
      checkAlerts(await this.orMissing('api/v1/alerts', () => this.transport.json({ path: 'api/v1/alerts', params: [], signal })), `${this.url}/api/v1/alerts`));
  }

  /** Alerting rules the server has loaded, with their annotations. */
  alertingRules(opts: CallOptions = {}): Promise<AlertingRule[]> {
    return this.cached('ar:', this.options.metadataTtlMs, opts, async (signal) =>
      checkAlertingRules(await this.orMissing('api/v1/rules', () => this.transport.json({ path: 'api/v1/rules', params: [['type', 'alert']], signal })), `${this.url}/api/v1/rules`));
  }

  /** A 404 from an old or partial Prometheus-compatible server says which API it lacks. */
  private async orMissing<T>(path: string, call: () => Promise<T>): Promise<T> {
    try { return await call(); } catch (e) {
      if (e instanceof PrometheusError && e.kind === 'http' && e.status === 404) {
        throw new PrometheusError('http', e.url, `this server has no /${path} (HTTP 404): an old or partial Prometheus-compatible server, so alert state cannot be shown`, 404);
      }
      throw e;
    }
  }

  /** The server's own AST for `expr`, or undefined when the server predates /api/v1/parse_query. */
  async parseQuery(expr: string, opts: CallOptions = {}): Promise<unknown | undefined> {
    if (this.parseQuerySupported === false) return undefined;
    try {
      const ast = await this.cached(`p:${expr}`, this.options.metadataTtlMs, opts,
        (signal) => this.transport.json({ path: 'api/v1/parse_query', params: [['query', expr]], post: true, signal }));
      this.parseQuerySupported = true;
      return ast;
    } catch (e) {
      if (e instanceof PrometheusError && e.kind === 'http' && e.status === 404) { this.parseQuerySupported = false; return undefined; }
      throw e;
    }
  }

  /** The server's build info, never cached: reachability asks about now (see reachability.ts). */
  async buildInfo(opts: CallOptions = {}): Promise<{ version?: string }> {
    const data = await this.transport.json({ path: 'api/v1/status/buildinfo', params: [], signal: opts.signal });
    return typeof data === 'object' && data !== null ? { version: typeof (data as { version?: unknown }).version === 'string' ? (data as { version: string }).version : undefined } : {};
  }

  /** Masks this environment's credentials in text bound for a log. */
  redact(text: string): string { return this.transport.redact(text); }

  invalidate(): void {
    this.cache.clear();
    this.parseQuerySupported = undefined;
  }

  close(): Promise<void> {
    this.cache.clear();
    return this.transport.close();
  }

  private cached<T>(key: string, ttl: number, opts: CallOptions, load: (signal: AbortSignal) => Promise<T>): Promise<T> {
    // A caller leaving a shared load is rejected with its signal's reason: give it our error type.
    return (this.cache.getOrLoad(key, ttl, load, opts.signal) as Promise<T>).catch((e: unknown) => {
      if (opts.signal?.aborted && !(e instanceof PrometheusError)) throw new PrometheusError('cancelled', this.url, 'request cancelled');
      throw e;
    });
  }
}

// One HTTP door to one environment's Prometheus: pooled connections, timeouts, size cap,
// concurrency bound, credentials that never leave the environment's origin.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { describeNetworkError, PrometheusError, seconds } from './errors';
import { Limiter } from './limiter';
import { headerSecrets, redactSecrets, redactUrl } from './redact';
import type { ClientOptions, PrometheusConfig } from './types';

export interface JsonRequest {
  /** API path relative to the base URL, e.g. `api/v1/query`. */
  path: string;
  params?: [string, string][];
  /** POST form-encoded; Prometheus accepts it for query endpoints and it keeps long queries out of URLs. */
  post?: boolean;
  /** Another method with a JSON body (Alertmanager's API v2: POST silences, DELETE one). */
  method?: 'POST' | 'DELETE';
  jsonBody?: unknown;
  /** The answer is plain JSON, not Prometheus's `{status, data}` envelope (Alertmanager). */
  raw?: boolean;
  signal?: AbortSignal;
}

export class Transport {
  readonly base: URL;
  readonly limiter: Limiter;
  private readonly agent: Agent;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private readonly configError: PrometheusError | undefined;

  constructor(private readonly config: PrometheusConfig, private readonly opts: ClientOptions) {
    let base: URL;
    try { base = new URL(config.url); } catch { throw new PrometheusError('not-configured', '(invalid URL)', `"${redactUrl(config.url)}" is not a valid Prometheus URL`); }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new PrometheusError('not-configured', redactUrl(base), 'Prometheus URL must be http or https');
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    // Credentials written into the URL move into the Authorization header and out of messages.
    const userinfo = base.username ? { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) } : undefined;
    base.username = '';
    base.password = '';
    base.search = '';
    this.base = base;
    const basic = config.basic ?? userinfo;
    // Lower-case names, so a configured `Authorization` header and bearerToken cannot both be sent.
    this.headers = { accept: 'application/json' };
    for (const [k, v] of Object.entries(config.headers ?? {})) this.headers[k.toLowerCase()] = v;
    if (config.bearerToken) this.headers.authorization = `Bearer ${config.bearerToken}`;
    else if (basic) this.headers.authorization = `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`;
    this.secrets = [config.bearerToken, basic?.password, ...headerSecrets(this.headers)].filter((s): s is string => !!s)
      .sort((a, b) => b.length - a.length); // longest first, so a whole header value is masked before its parts
    let ca: Buffer | undefined;
    try { ca = config.caFile ? readFileSync(config.caFile) : undefined; } catch (e) {
      // Reported on every request (so the hover says it) rather than thrown while wiring up.
      this.configError = new PrometheusError('tls', redactUrl(base), `cannot read the CA file ${config.caFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    this.agent = new Agent({
      connect: {
        timeout: opts.connectTimeoutMs,
        ca,
        rejectUnauthorized: !config.insecure,
      },
      headersTimeout: opts.requestTimeoutMs,
      bodyTimeout: opts.requestTimeoutMs,
      keepAliveTimeout: 30_000,
    });
    this.limiter = new Limiter(opts.maxConcurrent);
  }

  /** Masks this environment's secrets in any text (for logs). */
  redact(text: string): string { return redactSecrets(text, this.secrets); }

  async json(req: JsonRequest): Promise<unknown> {
    if (this.configError) throw this.configError;
    const deadline = AbortSignal.timeout(this.opts.requestTimeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
    let url = new URL(req.path, this.base);
    const shown = () => redactUrl(url);
    try {
      return await this.limiter.run(async () => {
        const query = new URLSearchParams(req.params ?? []).toString();
        let method: 'GET' | 'POST' | 'DELETE' = req.method ?? (req.post ? 'POST' : 'GET');
        const form = method === 'POST' && req.jsonBody === undefined;
        if (!form && query) url.search = query;
        for (let hop = 0; ; hop++) {
          const res = await request(url, {
            method,
            dispatcher: this.agent,
            signal,
            headers: req.jsonBody !== undefined ? { ...this.headers, 'content-type': 'application/json' } : form ? { ...this.headers, 'content-type': 'application/x-www-form-urlencoded' } : this.headers,
            body: req.jsonBody !== undefined && method !== 'GET' ? JSON.stringify(req.jsonBody) : form ? query : undefined,
          });
          if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
            discard(res.body);
            const next = new URL(String(res.headers.location), url);
            if (next.origin !== this.base.origin) {
              throw new PrometheusError('redirect', shown(), `redirected to another origin (${next.origin}); not followed, so credentials stay on their host`, res.statusCode);
            }
            if (hop >= this.opts.maxRedirects) throw new PrometheusError('redirect', shown(), `more than ${this.opts.maxRedirects} redirects`, res.statusCode);
            if (res.statusCode === 303) method = 'GET';
            url = next;
            continue;
          }
          // A server that echoes the credential back (in a label value, a HELP text) gets it masked
          // before anything reads the answer: hovers, completion, checks.
          const text = this.maskEchoes(await this.readCapped(res, shown));
          return req.raw ? this.parseRaw(res.statusCode, text, shown) : this.parse(res.statusCode, text, shown);
        }
      }, signal);
    } catch (e) {
      if (e instanceof PrometheusError) throw e;
      if (req.signal?.aborted) throw new PrometheusError('cancelled', shown(), 'request cancelled');
      if (deadline.aborted) throw new PrometheusError('timeout', shown(), `no answer within ${seconds(this.opts.requestTimeoutMs)}`);
      const { kind, reason } = describeNetworkError(e, this.opts.connectTimeoutMs);
      throw new PrometheusError(kind, shown(), this.redact(reason));
    }
  }

  /** The credentials, raw and as JSON writes them inside a string, replaced by `***`. */
  private maskEchoes(body: string): string {
    if (!this.secrets.length) return body;
    return redactSecrets(body, this.secrets.flatMap((v) => [JSON.stringify(v).slice(1, -1), v]));
  }

  private async readCapped(res: Awaited<ReturnType<typeof request>>, shown: () => string): Promise<string> {
    const cap = this.opts.maxResponseBytes;
    const tooLarge = () => new PrometheusError('too-large', shown(), `response larger than ${megabytes(cap)}; refused (raise the response size limit to allow it)`, res.statusCode);
    const declared = Number(res.headers['content-length']);
    if (declared > cap) { discard(res.body); throw tooLarge(); }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > cap) { discard(res.body); throw tooLarge(); }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** `shown` is asked only for an error message: the URL is parsed again to redact it. */
  private parse(status: number, text: string, shown: () => string): unknown {
    let body: { status?: string; data?: unknown; error?: string; errorType?: string } | undefined;
    try { body = JSON.parse(text); } catch { body = undefined; }
    const promError = typeof body?.error === 'string' ? oneLine(body.error) : undefined;
    if (status < 200 || status >= 300) {
      if (promError && (status === 400 || status === 422)) throw new PrometheusError('prometheus', shown(), `query rejected: ${promError}`, status);
      const detail = promError ?? (oneLine(text) || undefined);
      const hint = status === 401 || status === 403 ? ' (check the environment\'s credentials)' : '';
      throw new PrometheusError('http', shown(), `HTTP ${status}${detail ? `: ${this.redact(detail)}` : ''}${hint}`, status);
    }
    if (!body || typeof body !== 'object') throw new PrometheusError('malformed', shown(), `malformed JSON in the response (starts with ${JSON.stringify(text.slice(0, 40))})`, status);
    if (body.status === 'error') throw new PrometheusError('prometheus', shown(), promError ?? 'error without a message', status);
    if (body.status !== 'success' || !('data' in body)) throw new PrometheusError('malformed', shown(), 'response is JSON but not a Prometheus API answer', status);
    return body.data;
  }

  /** Plain JSON (an empty body is `undefined`); errors as for the envelope, the body's text as the reason. */
  private parseRaw(status: number, text: string, shown: () => string): unknown {
    if (status < 200 || status >= 300) {
      let detail = oneLine(text);
      try { const j = JSON.parse(text) as unknown; if (typeof j === 'string') detail = oneLine(j); else if (j && typeof (j as { message?: unknown }).message === 'string') detail = oneLine((j as { message: string }).message); } catch { /* text as is */ }
      const hint = status === 401 || status === 403 ? ' (check the environment\'s credentials)' : '';
      throw new PrometheusError('http', shown(), `HTTP ${status}${detail ? `: ${this.redact(detail)}` : ''}${hint}`, status);
    }
    if (!text.trim()) return undefined;
    try { return JSON.parse(text); } catch { throw new PrometheusError('malformed', shown(), `malformed JSON in the response (starts with ${JSON.stringify(text.slice(0, 40))})`, status); }
  }

  close(): Promise<void> { return this.agent.close(); }
}

/** Drops a body we will not read; the abort error it emits is expected, not a crash. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function oneLine(s: string): string {
  const line = s.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`;
}

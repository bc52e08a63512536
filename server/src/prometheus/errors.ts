// Every failure of the client is a PrometheusError whose message is one line a person can act
// on: the URL asked and the reason, never a stack trace.
export type PrometheusErrorKind =
  | 'not-configured' // the environment has no Prometheus
  | 'unreachable' // refused, DNS, reset, connect timeout
  | 'timeout' // connected but no complete answer within the request timeout
  | 'tls'
  | 'http' // non-2xx status
  | 'prometheus' // Prometheus answered with status "error" (bad query, ...)
  | 'malformed' // not the JSON envelope Prometheus sends
  | 'too-large'
  | 'redirect' // redirect to another origin, or too many
  | 'cancelled';

export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';
  constructor(
    readonly kind: PrometheusErrorKind,
    /** Redacted URL (no credentials, no query string). */
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`Prometheus ${url}: ${reason}`);
  }
}

export function isPrometheusError(e: unknown): e is PrometheusError {
  return e instanceof PrometheusError;
}

/** Maps a network error from undici/Node to a kind and a short reason. */
export function describeNetworkError(e: unknown, connectTimeoutMs: number): { kind: PrometheusErrorKind; reason: string } {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code ?? '';
  switch (code) {
    case 'ECONNREFUSED': return { kind: 'unreachable', reason: 'connection refused (nothing listening)' };
    case 'ENOTFOUND': case 'EAI_AGAIN': return { kind: 'unreachable', reason: 'host name not found' };
    case 'EHOSTUNREACH': case 'ENETUNREACH': return { kind: 'unreachable', reason: 'host unreachable' };
    case 'ECONNRESET': case 'UND_ERR_SOCKET': case 'EPIPE': return { kind: 'unreachable', reason: 'connection closed by the server' };
    case 'UND_ERR_CONNECT_TIMEOUT': return { kind: 'unreachable', reason: `could not connect within ${seconds(connectTimeoutMs)}` };
    case 'UND_ERR_HEADERS_TIMEOUT': case 'UND_ERR_BODY_TIMEOUT': return { kind: 'timeout', reason: 'no answer in time' };
  }
  if (/^(ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY))/.test(code) || /certificate|TLS|SSL/i.test(err?.message ?? '')) {
    return { kind: 'tls', reason: `TLS failed: ${(err?.message ?? code).split('\n')[0]}` };
  }
  return { kind: 'unreachable', reason: (err?.message ?? String(e)).split('\n')[0] || 'request failed' };
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

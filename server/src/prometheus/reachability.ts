// Is the environment's Prometheus there? One uncached request to /api/v1/status/buildinfo, so the
// answer is about now (the client's caches would keep saying "yes" for a while after it died).
// Any HTTP answer means the server is reachable; 401/403 means it refuses our credentials.
import type { PrometheusClient } from './client';
import { isPrometheusError } from './errors';

export type Reachability =
  | { state: 'reachable'; url: string; ms: number; version?: string }
  | { state: 'refused'; url: string; reason: string }
  | { state: 'unreachable'; url: string; reason: string };

export async function probe(client: PrometheusClient, timeoutMs = 3000): Promise<Reachability> {
  const t0 = Date.now();
  try {
    const data = await client.buildInfo({ signal: AbortSignal.timeout(timeoutMs) });
    return { state: 'reachable', url: client.url, ms: Date.now() - t0, ...(data.version ? { version: data.version } : {}) };
  } catch (e) {
    if (isPrometheusError(e) && e.kind === 'http' && (e.status === 401 || e.status === 403)) return { state: 'refused', url: client.url, reason: e.reason };
    // Prometheus-compatible servers without the endpoint still answered.
    if (isPrometheusError(e) && (e.kind === 'http' || e.kind === 'malformed' || e.kind === 'prometheus')) return { state: 'reachable', url: client.url, ms: Date.now() - t0 };
    return { state: 'unreachable', url: client.url, reason: isPrometheusError(e) ? e.reason : e instanceof Error ? e.message : String(e) };
  }
}

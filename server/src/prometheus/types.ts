// Shapes the Prometheus client works with. The environment shape is deliberately minimal: the
// environments module (server/src/environments) resolves secrets and hands us this much.

export interface PrometheusConfig {
  /** Base URL, e.g. https://prometheus.staging.example.com or a Mimir prefix .../prometheus */
  url: string;
  /** Extra headers sent with every request, e.g. X-Scope-OrgID for Mimir, Cortex and Thanos. */
  headers?: Record<string, string>;
  bearerToken?: string;
  basic?: { username: string; password: string };
  /** PEM file with the CA that signed the server's certificate. */
  caFile?: string;
  /** Skip TLS certificate verification (self-signed lab setups). */
  insecure?: boolean;
}

export interface PrometheusEnvironment {
  name: string;
  prometheus?: PrometheusConfig;
}

export interface ClientOptions {
  connectTimeoutMs: number;
  /** Whole request, queueing and body included: nothing waits longer than this. */
  requestTimeoutMs: number;
  maxResponseBytes: number;
  /**
   * Requests in flight per environment; further calls queue. Six (a browser's per-origin limit,
   * well under Prometheus's default query concurrency of 20) lets one metric hover's requests
   * (metadata, value, top series, count, sum, trend) go out together.
   */
  maxConcurrent: number;
  valuesTtlMs: number;
  /** Metadata, metric name and label lists change slowly and are costly on big servers. */
  metadataTtlMs: number;
  /** Same-origin redirects followed before giving up. */
  maxRedirects: number;
}

export const defaultClientOptions: ClientOptions = {
  connectTimeoutMs: 2000,
  requestTimeoutMs: 5000,
  maxResponseBytes: 50 * 1024 * 1024,
  maxConcurrent: 6,
  valuesTtlMs: 15_000,
  metadataTtlMs: 300_000,
  maxRedirects: 3,
};

export type Labels = Record<string, string>;
export type SampleValue = [number, string];
export interface VectorSample { metric: Labels; value: SampleValue }
export interface RangeSeries { metric: Labels; values: SampleValue[] }

export type QueryData =
  | { resultType: 'vector'; result: VectorSample[] }
  | { resultType: 'matrix'; result: RangeSeries[] }
  | { resultType: 'scalar'; result: SampleValue }
  | { resultType: 'string'; result: SampleValue };

export interface MetricMetadata { type: string; help: string; unit: string }

export interface ActiveTarget {
  labels: Labels;
  /** As Prometheus writes durations, e.g. "15s", "1m". Absent before Prometheus 2.33. */
  scrapeInterval?: string;
  health: string;
}

export interface CallOptions { signal?: AbortSignal }

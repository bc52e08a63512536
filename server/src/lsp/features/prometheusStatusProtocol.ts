// `runbook/prometheusStatus` (see prometheusStatus.ts). No imports: the VS Code client bundles it.

export const PROMETHEUS_STATUS_REQUEST = 'runbook/prometheusStatus';

export type PrometheusStatus = { env: string } & (
  | { state: 'reachable'; url: string; ms: number; version?: string }
  | { state: 'refused'; url: string; reason: string }
  | { state: 'unreachable'; url: string; reason: string }
  | { state: 'none'; reason?: string });

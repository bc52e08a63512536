// Runs the metric/unknown check for one document against the chosen environment. It reports
// nothing when there is no Prometheus or it cannot be reached: an unreachable server must not make
// every metric look unknown.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { MetricRef } from '../analysis/types';
import type { PrometheusClient } from '../prometheus/client';
import { KnownNames } from './knownNames';
import { unknownMetricDiagnostics, type UnknownMetricOptions } from './unknownMetrics';

// The client caches the name list (same array until it expires), so the sets are built once per fetch.
const built = new WeakMap<readonly string[], KnownNames>();

export async function checkUnknownMetrics(
  client: PrometheusClient | undefined,
  refs: readonly MetricRef[],
  envName: string,
  opts: UnknownMetricOptions & { signal?: AbortSignal } = {},
): Promise<Diagnostic[]> {
  if (!client || !refs.length) return [];
  let names: string[];
  try {
    names = await client.metricNames({ signal: opts.signal });
  } catch {
    return [];
  }
  let known = built.get(names);
  if (!known) { known = new KnownNames(names); built.set(names, known); }
  return unknownMetricDiagnostics(refs, known, envName, opts);
}

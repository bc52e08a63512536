// `metric/unknown`: a referenced metric with no series in the chosen environment, judged against
// the environment's cached name list. Run only when that list was fetched (Prometheus reachable);
// the caller re-runs it when the environment changes.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { MetricRef } from '../analysis/types';
import { didYouMean } from './didYouMean';
import type { KnownNames } from './knownNames';

export const UNKNOWN_METRIC_CODE = 'metric/unknown';

export interface UnknownMetricOptions {
  /** References less certain than this (prose guesses) are not reported. */
  minConfidence?: number;
}

/** Sources whose names are queried as written; elsewhere a histogram's base name is a fine mention. */
const QUERIED = new Set<MetricRef['source']>(['promql-block', 'yaml-expr', 'shell']);

export function unknownMetricDiagnostics(refs: readonly MetricRef[], known: KnownNames, envName: string, opts: UnknownMetricOptions = {}): Diagnostic[] {
  const minConfidence = opts.minConfidence ?? 0.6;
  const out: Diagnostic[] = [];
  const suggestions = new Map<string, string[]>();
  for (const ref of refs) {
    if (ref.confidence < minConfidence || known.has(ref.name)) continue;
    if (known.isFamily(ref.name)) {
      if (!QUERIED.has(ref.source)) continue;
      out.push(diagnostic(ref, `"${ref.name}" is a histogram or summary with no series of its own in ${envName}: query ${ref.name}_bucket, ${ref.name}_sum or ${ref.name}_count.`,
        [`${ref.name}_bucket`, `${ref.name}_count`, `${ref.name}_sum`].filter((n) => known.has(n))));
      continue;
    }
    if (!suggestions.has(ref.name)) suggestions.set(ref.name, didYouMean(ref.name, known.series));
    const near = suggestions.get(ref.name)!;
    const hint = near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
    out.push(diagnostic(ref, `No series named "${ref.name}" in ${envName}.${hint}`, near));
  }
  return out;
}

function diagnostic(ref: MetricRef, message: string, replacements: string[]): Diagnostic {
  return {
    range: ref.range,
    severity: DiagnosticSeverity.Information,
    code: UNKNOWN_METRIC_CODE,
    source: 'runbook',
    message,
    ...(replacements.length ? {
      data: { fixes: replacements.map((n) => ({ title: `Replace with ${n}`, isPreferred: replacements.length === 1, edits: [{ range: ref.range, newText: n }] })) },
    } : {}),
  };
}

// `runbook check --env <name>`: the checks that need the environment's live data, over the files'
// PromQL (pint's online checks, for runbooks): metrics with no series, label names no series of
// the metric has, rate windows under two scrape intervals, rate() on a non-counter. The server is
// asked first whether it answers at all: an unreachable environment is one error for the caller
// (never "no findings"), and so is any query that fails midway. Queries run in parallel, bounded
// by the client's limiter; each distinct question is asked once (the client caches answers).
// The server's own alerting rules are checked too: a runbook_url to a runbook or heading not here.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { MetricRef } from '../analysis/types';
import type { PrometheusClient } from '../prometheus/client';
import { PrometheusError } from '../prometheus/errors';
import { KnownNames } from '../metrics/knownNames';
import { unknownMetricDiagnostics } from '../metrics/unknownMetrics';
import { rateWindowFindings } from '../metrics/rateWindow';
import { exprPlaces } from './exprPlaces';
import { selectorLabels } from './selectorLabels';
import { rateOnNonCounter, RATE_NON_COUNTER_CODE } from './rateOnNonCounter';
import { brokenLiveLinks, type BrokenLiveLink } from './liveRuleLinks';

export const UNKNOWN_LABEL_CODE = 'metric/unknown-label';

export interface OnlineFile { text: string; metrics: readonly MetricRef[] }

export class EnvironmentUnreachable extends Error {}

export interface OnlineResult {
  /** Findings per file, in the order given. */
  perFile: Diagnostic[][];
  /** Live alerting rules whose runbook_url does not land in the workspace. */
  liveLinks: BrokenLiveLink[];
}

export async function onlineChecks(client: PrometheusClient, envName: string, files: readonly OnlineFile[], ws: { root: string; runbooks: readonly string[]; prefixes?: readonly string[] }, signal?: AbortSignal): Promise<OnlineResult> {
  let names: string[];
  try {
    await client.buildInfo({ signal });
    names = await client.metricNames({ signal });
  } catch (e) {
    throw new EnvironmentUnreachable(`environment '${envName}' (${client.url}) cannot be reached: ${reason(client, e)}. No online check ran.`);
  }
  const known = new KnownNames(names);
  try {
    const [perFile, liveLinks] = await Promise.all([
      Promise.all(files.map((f) => fileChecks(client, envName, known, f, signal))),
      brokenLiveLinks(client, ws.root, ws.runbooks, signal, ws.prefixes),
    ]);
    return { perFile, liveLinks };
  } catch (e) {
    throw new EnvironmentUnreachable(`environment '${envName}' (${client.url}) stopped answering during the online checks: ${reason(client, e)}. Their results are incomplete, so none is reported.`);
  }
}

async function fileChecks(client: PrometheusClient, envName: string, known: KnownNames, f: OnlineFile, signal?: AbortSignal): Promise<Diagnostic[]> {
  const out = unknownMetricDiagnostics(f.metrics, known, envName).map(({ data: _fixes, ...d }) => d);
  const places = exprPlaces(f.text, f.metrics);
  const perExpr = await Promise.all(places.map(async (p) => {
    const found: Diagnostic[] = [];
    const [labels, windows, nonCounters] = await Promise.all([
      unknownLabels(client, known, p.expr, signal),
      rateWindowFindings(client, p.expr, signal),
      rateOnNonCounter(client, p.expr, signal),
    ]);
    for (const l of labels) {
      found.push(diag(p.rangeOf(l.from, l.to, l.metric), DiagnosticSeverity.Information, UNKNOWN_LABEL_CODE,
        `No series of "${l.metric}" in ${envName} has a label "${l.label}", so this selector matches nothing there.${l.near.length ? ` Its labels: ${l.near.map((n) => `"${n}"`).join(', ')}.` : ''}`));
    }
    for (const w of windows) found.push(diag(p.rangeOf(w.span.start, w.span.end), w.severity, w.code, w.message));
    for (const n of nonCounters) {
      found.push(diag(p.rangeOf(n.from, n.to, n.metric), DiagnosticSeverity.Warning, RATE_NON_COUNTER_CODE,
        `${n.func}() expects a counter, but "${n.metric}" is a ${n.type} in ${envName}: every drop reads as a counter reset. ${n.type === 'gauge' ? 'Use deriv() or delta() for a gauge.' : 'Use the family\'s _count or _sum series.'}`));
    }
    return found;
  }));
  return [...out, ...perExpr.flat()].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

async function unknownLabels(client: PrometheusClient, known: KnownNames, expr: string, signal?: AbortSignal) {
  const out: { metric: string; label: string; from: number; to: number; near: string[] }[] = [];
  for (const use of selectorLabels(expr)) {
    // A metric with no series is metric/unknown's finding, not one per label.
    if (!known.has(use.metric)) continue;
    const labels = await client.labels([use.metric], { signal });
    if (labels.includes(use.label)) continue;
    out.push({ ...use, near: labels.filter((l) => l !== '__name__').slice(0, 8) });
  }
  return out;
}

function diag(range: Diagnostic['range'], severity: DiagnosticSeverity, code: string, message: string): Diagnostic {
  return { range, severity, code, source: 'runbook', message };
}

function reason(client: PrometheusClient, e: unknown): string {
  return client.redact(e instanceof PrometheusError ? e.message : (e as Error).message ?? String(e));
}

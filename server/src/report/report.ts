// Builds the incident report from the run records of a time range: the records, the metric
// snapshots from each environment's Prometheus, the Markdown and its charts. Plain Node, shared
// by `runbook report` and the editor command. The finished text is masked once more with every
// secret value known to the caller, so a value that reached a record unmasked (a secret added to
// the environment after the run) still never reaches the report.
import type { PrometheusClient } from '../prometheus/client';
import type { TimelineRecord } from '../run/recordKinds';
import { redact } from '../run/redact';
import { stepFailed } from '../run/outcomeText';
import { readTimeline, type RecordFilter } from './readRecords';
import { renderReport } from './render';
import { snapshotWindow, takeSnapshot, type Snapshot } from './snapshots';
import { metricsOfStep } from './stepMetrics';
import { mdCode, mdText } from './markdownText';
import { windowChartSvg } from './windowChart';
import type { TimeWindow } from './window';

/** More would make the report a dashboard: the first ones referenced are kept, and the rest named. */
export const MAX_SNAPSHOTS = 12;

export interface IncidentReport {
  window: TimeWindow;
  generatedAt: Date;
  environments: string[];
  ranBy: string[];
  runbooks: string[];
  records: TimelineRecord[];
  skipped: number;
  snapshots: (Snapshot & { chart?: string })[];
  /** Why some or all snapshots are missing. */
  snapshotNote?: string;
}

export interface ReportOptions {
  recordsDir: string;
  window: TimeWindow;
  filter?: RecordFilter;
  /** The environment's Prometheus client, or why there is none (no URL, a missing credential). */
  prometheus: (environment: string) => Promise<PrometheusClient | string>;
  /** Values masked in everything the report holds. */
  secretValues?: readonly string[];
  /** The chart's file name, relative to the report (it is written next to it). */
  chartFile?: (metric: string, environment: string) => string;
  now?: Date;
  signal?: AbortSignal;
}

export interface BuiltReport {
  report: IncidentReport;
  markdown: string;
  charts: { file: string; svg: string }[];
}

export async function buildReport(o: ReportOptions): Promise<BuiltReport> {
  const { records, skipped } = await readTimeline(o.recordsDir, o.window, o.filter);
  const ranBy = records.flatMap((r) => (r.ranBy ? [r.ranBy.email ? `${r.ranBy.user} (${r.ranBy.email})` : r.ranBy.user] : []));
  const report: IncidentReport = {
    window: o.window,
    generatedAt: o.now ?? new Date(),
    environments: unique(records.map((r) => r.environment)),
    ranBy: unique(ranBy),
    runbooks: unique(records.flatMap((r) => (r.runbook ? [r.runbook] : []))),
    records,
    skipped,
    snapshots: [],
  };
  const charts: BuiltReport['charts'] = [];
  if (records.length) await addSnapshots(report, charts, o);
  const secrets = o.secretValues ?? [];
  return {
    report: secrets.length ? JSON.parse(JSON.stringify(report), (_k, v: unknown) => (typeof v === 'string' ? redact(v, secrets) : v)) : report,
    markdown: redact(renderReport(report), secrets),
    charts: charts.map((c) => ({ file: c.file, svg: redact(c.svg, secrets) })),
  };
}

async function addSnapshots(report: IncidentReport, charts: BuiltReport['charts'], o: ReportOptions): Promise<void> {
  const wanted: { environment: string; metric: string }[] = [];
  const seen = new Set<string>();
  for (const r of report.records) {
    if (r.event !== undefined) continue;
    for (const metric of await metricsOfStep(r)) {
      const key = `${r.environment}\0${metric}`;
      if (!seen.has(key)) { seen.add(key); wanted.push({ environment: r.environment, metric }); }
    }
  }
  const notes: string[] = [];
  if (wanted.length > MAX_SNAPSHOTS) notes.push(`Also referenced, not shown: ${wanted.slice(MAX_SNAPSHOTS).map((w) => mdCode(w.metric)).join(', ')}.`);
  const kept = wanted.slice(0, MAX_SNAPSHOTS);
  const times = report.records.map((r) => Date.parse(r.time));
  const w = snapshotWindow(Math.min(...times), Math.max(...times), (o.now ?? new Date()).getTime());
  const marks = report.records.map((r) => ({ t: Date.parse(r.time) / 1000, failed: r.event === undefined && stepFailed(r) }));
  const clients = new Map<string, Promise<PrometheusClient | string>>();
  const snaps = await Promise.all(kept.map(async ({ environment, metric }) => {
    if (!clients.has(environment)) clients.set(environment, o.prometheus(environment).catch((e: Error) => e.message));
    const client = await clients.get(environment)!;
    return typeof client === 'string' ? { environment, metric, unavailable: client } : takeSnapshot(client, environment, metric, w, o.signal);
  }));
  const unavailable = new Map<string, string>();
  for (const s of snaps) {
    if ('unavailable' in s) { unavailable.set(s.environment, s.unavailable); continue; }
    const file = !s.error && o.chartFile ? o.chartFile(s.metric, s.environment) : undefined;
    if (file) charts.push({ file, svg: windowChartSvg(`${s.expr} · ${s.environment}`, s.points, w, marks) });
    report.snapshots.push({ ...s, ...(file ? { chart: file } : {}) });
  }
  for (const [env, why] of unavailable) notes.unshift(`No snapshots for ${mdText(env)}: ${mdText(why)}`);
  if (notes.length) report.snapshotNote = notes.join('\n\n');
}

function unique(xs: string[]): string[] { return [...new Set(xs)]; }

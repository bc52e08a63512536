// A tiny Prometheus exporter for tests, the demo and the benchmark. It serves the text exposition
// format with the metric names our fixtures use; values move with time so trends and rates have
// something to show.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exporter {
  /** Base URL, e.g. http://127.0.0.1:40123 (metrics at /metrics). */
  url: string;
  /** host:port, as a Prometheus scrape target. */
  target: string;
  /** The instant the counters count from; backfilled history uses the same anchor. */
  start: number;
  /** Sets a gauge the next scrape serves (`undefined` drops it), so a test moves an alert for real. */
  setGauge(name: string, value: number | undefined): void;
  stop(): Promise<void>;
}

const BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];
const ROUTES = ['/api/v1/transfer', '/api/v1/balance', '/healthz'];
const CODES = ['200', '500'];

/** Exposition text at time `t` (ms since epoch); `start` anchors the monotonic counters. */
export function renderMetrics(t: number, start: number, opts: { timestamps?: boolean; gauges?: ReadonlyMap<string, number> } = {}): string {
  const s = (t - start) / 1000;
  const ts = opts.timestamps ? ` ${Math.floor(t / 1000)}` : '';
  const phase = t / 60_000;
  const out: string[] = [];
  out.push('# HELP treasury_disbursement_backlog Disbursements waiting for approval.');
  out.push('# TYPE treasury_disbursement_backlog gauge');
  out.push(`treasury_disbursement_backlog{queue="payroll"} ${Math.round(40 + 20 * Math.sin(phase))}${ts}`);
  out.push(`treasury_disbursement_backlog{queue="vendor"} ${Math.round(12 + 5 * Math.cos(phase))}${ts}`);
  out.push('# HELP accumen_mempool_size Transactions waiting in the mempool.');
  out.push('# TYPE accumen_mempool_size gauge');
  out.push(`accumen_mempool_size ${Math.round(1500 + 400 * Math.sin(phase / 2))}${ts}`);
  out.push('# HELP accumen_blocks_produced_total Blocks produced since start.');
  out.push('# TYPE accumen_blocks_produced_total counter');
  out.push(`accumen_blocks_produced_total ${Math.floor(s * 0.5)}${ts}`);
  out.push('# HELP runbook_demo_requests_total Requests served by the demo service.');
  out.push('# TYPE runbook_demo_requests_total counter');
  for (const [ri, route] of ROUTES.entries()) {
    for (const code of CODES) {
      const rate = code === '200' ? 10 / (ri + 1) : 0.2 * (ri + 1);
      out.push(`runbook_demo_requests_total{code="${code}",route="${route}"} ${Math.floor(s * rate)}${ts}`);
    }
  }
  out.push('# HELP runbook_demo_request_duration_seconds Request latency of the demo service.');
  out.push('# TYPE runbook_demo_request_duration_seconds histogram');
  const count = Math.floor(s * 12);
  let cum = 0;
  for (const [i, le] of BUCKETS.entries()) {
    cum = Math.floor(count * (1 - Math.pow(0.5, i + 1)));
    out.push(`runbook_demo_request_duration_seconds_bucket{le="${le}"} ${cum}${ts}`);
  }
  out.push(`runbook_demo_request_duration_seconds_bucket{le="+Inf"} ${count}${ts}`);
  out.push(`runbook_demo_request_duration_seconds_sum ${(count * 0.07).toFixed(3)}${ts}`);
  out.push(`runbook_demo_request_duration_seconds_count ${count}${ts}`);
  out.push('# HELP runbook_demo_hostile_label A gauge whose label values try to inject markup.');
  out.push('# TYPE runbook_demo_hostile_label gauge');
  out.push(`runbook_demo_hostile_label{note="<img src=x onerror=alert(1)> **bold** [link](http://evil)"} 1${ts}`);
  for (const [name, value] of opts.gauges ?? []) {
    out.push(`# HELP ${name} A gauge the test sets.`, `# TYPE ${name} gauge`, `${name} ${value}${ts}`);
  }
  return out.join('\n') + '\n';
}

export async function startExporter(): Promise<Exporter> {
  // Counters look like they have run for 70 minutes, so an hour of backfill starts above zero.
  const start = Date.now() - 70 * 60_000;
  const gauges = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') { res.writeHead(404).end('not found\n'); return; }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(renderMetrics(Date.now(), start, { gauges }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    target: `127.0.0.1:${port}`,
    start,
    setGauge: (name, value) => { if (value === undefined) gauges.delete(name); else gauges.set(name, value); },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

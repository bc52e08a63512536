// Hover latency against a real Prometheus (the test harness: apt's prometheus scraping the test
// exporter), minus Prometheus's own time. Our server reaches Prometheus through a pass-through
// proxy that records when upstream requests are in flight; for each hover, the union of those
// intervals is Prometheus's time, and the rest of the hover's round trip is ours (the proxy's
// own hop is counted against us).
import { createServer, request, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prometheusAvailable, startPrometheus } from '../test/support/prometheus';
import { startOurs } from './ourServer';
import { median, type Plan } from './stats';

export type HoverOutcome = { skipped: string } | { overheadMs: number; hoverMs: number; queryMs: number; cachedOverheadMs: number; samples: number };

interface Proxy { url: string; server: Server; intervals: [number, number][] }

function startProxy(target: string): Promise<Proxy> {
  const intervals: [number, number][] = [];
  const server = createServer((req, res) => {
    const t0 = performance.now();
    const up = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, upRes => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
      upRes.on('end', () => intervals.push([t0, performance.now()]));
    });
    up.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(up);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as { port: number }).port;
    resolve({ url: `http://127.0.0.1:${port}`, server, intervals });
  }));
}

/** Total length of the union of intervals that overlap [from, to]. */
function busy(intervals: [number, number][], from: number, to: number): number {
  const xs = intervals.map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as const).filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
  let total = 0, end = -Infinity;
  for (const [a, b] of xs) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

// The first is hovered once to warm up; each of the others is then hovered once with nothing
// cached (live queries), and again from the client's cache.
const metrics = ['accumen_mempool_size', 'runbook_demo_requests_total', 'treasury_disbursement_backlog', 'accumen_blocks_produced_total', 'runbook_demo_request_duration_seconds_bucket', 'runbook_demo_request_duration_seconds_count'];

export async function hoverFigures(plan: Plan): Promise<HoverOutcome> {
  const probe = await startOurs();
  const hasHover = !!probe.capabilities.hoverProvider;
  await probe.stop();
  if (!hasHover) return { skipped: 'our server has no hover provider (textDocument/hover not advertised)' };
  if (!prometheusAvailable()) return { skipped: 'prometheus is not installed (apt-get install prometheus)' };
  const prom = await startPrometheus();
  const proxy = await startProxy(prom.url);
  const ws = mkdtempSync(join(tmpdir(), 'runbook-bench-hover-'));
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), 'environments:\n  offline:\n    variables: {}\n');
  const uri = pathToFileURL(join(ws, 'hover.md')).href;
  const text = ['# Hover', '', '```promql', ...metrics.map(m => `sum(${m})`), '```', ''].join('\n');
  const s = await startOurs({ rootUri: pathToFileURL(ws).href, env: { PROMETHEUS_URL: proxy.url } });
  try {
    await s.initialized();
    const ready = s.diagnostics(uri);
    await s.open(uri, text, 'markdown');
    await ready;
    const hover = async (i: number) => {
      const line = 3 + i;
      const t0 = performance.now();
      const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 6 } }) as { contents?: { value?: string } } | null;
      const t1 = performance.now();
      if (!h?.contents?.value?.includes(metrics[i])) throw new Error(`hover on ${metrics[i]} did not describe it`);
      return { total: t1 - t0, prom: busy(proxy.intervals, t0, t1) };
    };
    await hover(0);
    const live = [];
    for (let i = 1; i < metrics.length; i++) live.push(await hover(i));
    const cached = [];
    for (let i = 0; i < plan.runs; i++) cached.push(await hover(1 + (i % (metrics.length - 1))));
    return {
      overheadMs: median(live.map(r => r.total - r.prom)), hoverMs: median(live.map(r => r.total)), queryMs: median(live.map(r => r.prom)),
      cachedOverheadMs: median(cached.map(r => r.total - r.prom)), samples: live.length,
    };
  } finally {
    await s.stop();
    proxy.server.close();
    await prom.stop();
  }
}

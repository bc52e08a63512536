// Hover latency above Prometheus's own answer time. For each metric, alternately:
//  - baseline: the same HTTP requests the hover makes (metadata, then the value, count, sum,
//    top-10 and trend queries in parallel), sent with plain undici;
//  - hover: metricHover() with a cold cache (the client is invalidated first).
// overhead = hover - baseline, per round. Warm hovers (served from the cache) are timed as well.
// Run: node --import tsx test/support/hoverLatency.ts [rounds]   (starts its own Prometheus)
import { Agent, request } from 'undici';
import { PrometheusClient } from '../../server/src/prometheus/client';
import { metadataFor, metricHover, metricQueries } from '../../server/src/metrics/metricHover';
import { TREND_RANGE_S, TREND_STEP_S } from '../../server/src/metrics/trend';
import { startPrometheus } from './prometheus';

export interface LatencyFigures { rounds: number; baseline: Stats; coldHover: Stats; overhead: Stats; warmHover: Stats }
export interface Stats { median: number; p95: number }

const METRICS = ['runbook_demo_requests_total', 'treasury_disbursement_backlog', 'accumen_mempool_size', 'runbook_demo_request_duration_seconds'];

export async function measureHoverLatency(url: string, rounds = 50): Promise<LatencyFigures> {
  const client = new PrometheusClient({ name: 'bench', prometheus: { url } });
  const agent = new Agent({ connect: { timeout: 2000 } });
  const get = async (path: string, params: [string, string][]) => {
    const res = await request(`${url}/${path}?${new URLSearchParams(params)}`, { dispatcher: agent });
    return res.body.json();
  };
  const baseline: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    const plans = await Promise.all(METRICS.map(async (m) => ({ m, q: metricQueries(m, await metadataFor(client, m)) })));
    for (let i = 0; i < rounds + 5; i++) {
      for (const { m, q } of plans) {
        const t0 = performance.now();
        await get('api/v1/metadata', [['metric', m]]);
        if (q.selector !== m) await get('api/v1/metadata', [['metric', q.selector]]);
        const end = Math.floor(Date.now() / 1000 / TREND_STEP_S) * TREND_STEP_S;
        await Promise.all([
          get('api/v1/query', [['query', q.top]]), get('api/v1/query', [['query', q.count]]), get('api/v1/query', [['query', q.sum]]),
          get('api/v1/query_range', [['query', q.trend], ['start', String(end - TREND_RANGE_S)], ['end', String(end)], ['step', String(TREND_STEP_S)]]),
          ...(q.p95 ? [get('api/v1/query', [['query', q.p95]])] : []),
        ]);
        const t1 = performance.now();
        client.invalidate();
        const md = await metricHover(m, { client, envName: 'bench' });
        const t2 = performance.now();
        if (md.startsWith('⚠')) throw new Error(md);
        await metricHover(m, { client, envName: 'bench' });
        const t3 = performance.now();
        if (i < 5) continue; // warm-up: JIT and connection pools
        baseline.push(t1 - t0); cold.push(t2 - t1); warm.push(t3 - t2);
      }
    }
  } finally {
    await client.close();
    await agent.close();
  }
  return {
    rounds: baseline.length,
    baseline: stats(baseline),
    coldHover: stats(cold),
    overhead: stats(cold.map((c, i) => c - baseline[i]!)),
    warmHover: stats(warm),
  };
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: round(at(0.5)), p95: round(at(0.95)) };
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main(): Promise<void> {
  const prom = await startPrometheus();
  try {
    console.log(JSON.stringify(await measureHoverLatency(prom.url, Number(process.argv[2] ?? 50)), null, 2));
  } finally {
    await prom.stop();
  }
}

// Run directly (not when imported by the benchmark).
if (process.argv[1]?.endsWith('hoverLatency.ts')) void main();

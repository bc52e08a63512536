// Benchmark (not a test): checking 10,000 PromQL expressions — parse, first syntax error, type and
// arity checks, metric extraction. Run: node --import tsx test/unit/promql/bench.ts
// `promqlBenchFigures()` is exported so the project benchmark (bench/) can report the same figure.
import { loadavg } from 'node:os';
import { lintExpression } from '../../../server/src/promql/lint';
import { extractMetrics } from '../../../server/src/promql/metrics';
import { parsePromql } from '../../../server/src/promql/parse';

const shapes = [
  (i: number) => `rate(http_requests_total_${i}{job="api", code=~"5.."}[5m])`,
  (i: number) => `sum by (job) (rate(svc_${i}_errors_total[5m])) / sum by (job) (rate(svc_${i}_requests_total[5m])) > 0.05`,
  (i: number) => `histogram_quantile(0.99, sum by (le) (rate(latency_${i}_seconds_bucket[10m])))`,
  (i: number) => `increase(blocks_${i}_total[5m]) == 0`,
  (i: number) => `topk(5, max_over_time(queue_${i}_depth[1h:1m]))`,
  (i: number) => `backlog_${i} > 100 for 3 epochs`,
  (i: number) => `rate(requests_${i}_total)`,
  (i: number) => `label_replace(up{i="${i}"}, "host", "$1", "instance")`,
  (i: number) => `node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes * 100 < ${i % 50}`,
  (i: number) => `absent(up{job="job_${i}"}) or vector(${i})`,
];

export interface PromqlBenchFigures {
  count: number;
  /** CPU milliseconds (median of `runs`) for the full check and for the bare lezer parse. */
  checkMs: number;
  parseMs: number;
  problems: number;
  metrics: number;
  loadAverage: number;
}

// CPU time of this process, not wall time: with several agents on 2 cores, wall time mostly
// measures waiting for a core.
function cpuMedian(f: () => void, runs: number): number {
  for (let w = 0; w < 3; w++) f();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

export function promqlBenchFigures(count = 10_000, runs = 7): PromqlBenchFigures {
  const exprs = Array.from({ length: count }, (_, i) => shapes[i % shapes.length](i));
  let problems = 0;
  let metrics = 0;
  const check = () => {
    problems = 0; metrics = 0;
    for (const e of exprs) {
      const r = lintExpression(e);
      problems += r.problems.length;
      metrics += extractMetrics(r.tree, e).length;
    }
  };
  const checkMs = cpuMedian(check, runs);
  const parseMs = cpuMedian(() => { for (const e of exprs) parsePromql(e); }, runs);
  return { count, checkMs, parseMs, problems, metrics, loadAverage: loadavg()[0] };
}

if (require.main === module) {
  const f = promqlBenchFigures();
  console.log(`${f.count} expressions, full check (parse + syntax + type/arity + metrics): ${f.checkMs.toFixed(1)} ms CPU (median)`);
  console.log(`${f.count} expressions, lezer parse alone: ${f.parseMs.toFixed(1)} ms CPU (median)`);
  console.log(`${f.problems} problems, ${f.metrics} metrics; load average ${f.loadAverage.toFixed(1)}`);
}

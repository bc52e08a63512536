// Benchmark (not a test): checking 10,000 PromQL expressions — parse, first syntax error, type and
// arity checks, metric extraction. Run: node --import tsx test/unit/promql/bench.ts
import { lintExpression } from '../../../server/src/promql/lint';
import { extractMetrics } from '../../../server/src/promql/metrics';
import { parsePromql } from '../../../server/src/promql/parse';
import { loadavg } from 'node:os';

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
const exprs = Array.from({ length: 10_000 }, (_, i) => shapes[i % shapes.length](i));

let problems = 0;
let metrics = 0;
function check(): void {
  problems = 0; metrics = 0;
  for (const e of exprs) {
    const r = lintExpression(e);
    problems += r.problems.length;
    metrics += extractMetrics(r.tree, e).length;
  }
}
// The grammar alone, as a baseline: on a loaded machine both figures move together.
function parseOnly(): void { for (const e of exprs) parsePromql(e); }

// CPU time of this process, not wall time: with ~6 agents on 2 cores, wall time mostly measures
// waiting for a core.
function measure(f: () => void): number[] {
  for (let w = 0; w < 3; w++) f();
  const times: number[] = [];
  for (let k = 0; k < 7; k++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  return times.sort((a, b) => a - b);
}
const full = measure(check);
const base = measure(parseOnly);
console.log(`10,000 expressions, full check (parse + syntax + type/arity + metrics): CPU median ${full[3].toFixed(1)} ms, best ${full[0].toFixed(1)} ms`);
console.log(`10,000 expressions, lezer parse only: CPU median ${base[3].toFixed(1)} ms, best ${base[0].toFixed(1)} ms`);
console.log(`our checks add ${(100 * (full[3] / base[3] - 1)).toFixed(0)}% over the parse; ${problems} problems, ${metrics} metrics; load average ${loadavg()[0].toFixed(1)}`);

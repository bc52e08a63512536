import test from 'node:test';
import assert from 'node:assert/strict';
import { classifyInline, isProsePromql } from '../../../server/src/promql/inlineHeuristics';
import { underExpvar } from '../../../server/src/promql/inlineAnalyzer';
import { analyzeText } from '../../../server/src/analysis/pipeline';

test('inline spans with PromQL structure, or a metric-suffixed snake_case name, are PromQL', () => {
  for (const s of ['rate(http_requests_total[5m])', 'up{job="api"}', 'sum(x) by (job)', 'queue_depth > 100', 'x[5m]']) {
    assert.equal(classifyInline(s).kind, 'expr', s);
  }
  for (const s of ['http_requests_total', 'request_duration_seconds', 'build_info', 'heap_bytes', 'node_memory_MemAvailable_bytes']) assert.equal(classifyInline(s).kind, 'name', s);
});

test('paths, shell, null comparisons, CamelCase alert names and plain words are not', () => {
  for (const s of ['df -h', 'last_error != null', 'HighErrorRate', 'AccumenMempoolFull', '/debug/vars', './scripts/run.sh',
    'config/local.yaml', 'required_permission', 'version', 'admin/admin', 'http://localhost:9090', 'soroban keys ls',
    'docker-compose logs --tail=0 --follow', 'DEPLOYMENT_CONTRACT_ID', '$HOME']) {
    assert.equal(classifyInline(s).kind, 'none', s);
  }
});

test('prose lines count only when they are a whole expression with a call, aggregation, matchers or range', () => {
  assert.ok(isProsePromql('sum by (job) (rate(http_requests_total[5m])) > 0.1'));
  assert.ok(!isProsePromql('Restart the service (it is safe).'));
  assert.ok(!isProsePromql('errors > 5'));
  assert.ok(!isProsePromql('- `rate(x[5m])` is the rate'));
});

test('keys listed under an expvar endpoint are not Prometheus metrics', () => {
  const text = '- **`/debug/vars`** - expvar:\n  - `wasm_gas_used_total` - gas\n- `other_total` - fine\n';
  assert.ok(underExpvar(text, text.indexOf('wasm_gas')));
  assert.ok(!underExpvar(text, text.indexOf('other_total')));
});

test('through the pipeline: inline metrics, list context, expvar exclusion, and warnings for broken inline PromQL', async () => {
  const text = [
    '# Svc', '', '## Metrics', '',
    '- `svc_requests_total` - requests', '- `svc_queue_depth` - backlog', '- `SvcDown` - alert name', '',
    '## Debug', '', '- **`/debug/vars`** - expvar counters:', '  - `svc_jobs_total` - jobs', '',
    'Watch `rate(svc_requests_total)` and run `df -h`.', '',
    'Prose PromQL line:', 'histogram_quantile(0.9, sum by (le) (rate(svc_latency_seconds_bucket[5m])))', '',
  ].join('\n');
  const { analysis } = await analyzeText(text);
  const ms = analysis.metrics.map((m) => `${m.source}:${m.name}`);
  assert.deepEqual(ms, ['inline:svc_requests_total', 'inline:svc_queue_depth', 'inline:svc_requests_total', 'prose:svc_latency_seconds_bucket']);
  const d = analysis.diagnostics.filter((x) => String(x.code).startsWith('promql/'));
  assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.start.line]), [['promql/type', 2, 13], ['promql/unfenced', 4, 16]]);
  const fix = (d[1].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0];
  assert.equal(fix.edits[0].newText, '```promql\nhistogram_quantile(0.9, sum by (le) (rate(svc_latency_seconds_bucket[5m])))\n```');
});

test('a bare inline name that the runbook queries in a block is a metric, even without a suffix', async () => {
  const text = 'When `svc_backlog` grows:\n\n```promql\nsum(svc_backlog)\n```\n\nIgnore `svc_other`.\n';
  const { analysis } = await analyzeText(text);
  assert.deepEqual(analysis.metrics.map((m) => `${m.source}:${m.name}`), ['inline:svc_backlog', 'promql-block:svc_backlog']);
});

test('array indexing in inline code is not a PromQL range', () => {
  assert.equal(classifyInline('jqExample[0]').kind, 'none');
  assert.equal(classifyInline('args[12]').kind, 'none');
  assert.equal(classifyInline('http_requests_total[5m]').kind, 'expr');
});

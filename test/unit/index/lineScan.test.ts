import test from 'node:test';
import assert from 'node:assert/strict';
import { scanRunbook } from '../../../server/src/index/lineScan';
import { promqlNames } from '../../../server/src/index/promqlNames';
import { buildModel } from '../../../server/src/model/build';
import { generateRunbook } from '../../tools/generate';

const names = (text: string) => scanRunbook(text).mentions.map(m => m.name);

test('sections: ATX and setext headings with levels, ranges and plain titles; not inside fences', () => {
  const text = '---\ntitle: x\n# not a heading\n---\n# Payments **down** 🚨\n\n## Diagnose `queue`\n```bash\n# a comment\n```\n\nRollback\n========\n### [Escalate](http://x) ##\n';
  const s = scanRunbook(text).sections;
  assert.deepEqual(s.map(x => [x.title, x.depth, x.line]), [['Payments down 🚨', 1, 4], ['Diagnose queue', 2, 6], ['Rollback', 1, 11], ['Escalate', 3, 13]]);
  assert.equal(s[0].endLine, 10, 'a level-1 section ends before the next level-1 heading');
  assert.equal(s[1].endLine, 10);
  assert.equal(text.split('\n')[4].slice(s[0].char, s[0].endChar), 'Payments **down** 🚨');
});

test('section titles agree with the model on a generated runbook', () => {
  const text = generateRunbook(40_000, 5);
  assert.deepEqual(scanRunbook(text).sections.map(s => [s.title, s.depth, s.line]), buildModel(text).sections.map(s => [s.title, s.depth, s.headingRange.start.line]));
});

test('promqlNames: selectors only, never functions, keywords, labels, ranges, strings or durations', () => {
  const expr = 'sum by (region, job) (rate(http_requests_total{job="api", code=~"5.."}[5m] offset 1h)) / on(instance) group_left(team) up > 0.1 and topk(5, node_load1) # load_avg';
  assert.deepEqual(promqlNames(expr).map(n => n.name), ['http_requests_total', 'up', 'node_load1']);
  const at = promqlNames(expr)[0];
  assert.equal(expr.slice(at.start, at.end), 'http_requests_total');
});

test('metrics: promql fences, alert expr (inline and block scalar), shell query=, inline code; with exact columns', () => {
  const text = [
    '# M',
    '```promql',
    'rate(api_errors_total[5m])',
    '```',
    '- list `queue_depth_ratio` item',
    '```yaml',
    '- alert: Backlog',
    '  expr: sum(backlog_items) > 100',
    '- alert: Slow',
    '  expr: |',
    '    histogram_quantile(0.9, rate(req_duration_seconds_bucket[5m]))',
    '  for: 5m',
    '```',
    '```bash',
    'curl -s "$PROM/api/v1/query" --data-urlencode "query=up_ready_count"',
    'echo not_a_metric',
    '```',
    'Inline `kubectl get pods -n my_ns` and `some_name` and `/var/log/app_log.txt`.',
  ].join('\n');
  const f = scanRunbook(text);
  assert.deepEqual(f.mentions.map(m => m.name), ['api_errors_total', 'queue_depth_ratio', 'backlog_items', 'req_duration_seconds_bucket', 'up_ready_count', 'some_name']);
  const lines = text.split('\n');
  for (const m of f.mentions) assert.equal(lines[m.line].slice(m.char, m.char + m.name.length), m.name);
  const byName = new Map(f.mentions.map(m => [m.name, m]));
  assert.equal(byName.get('some_name')!.strong, false, 'a bare snake_case word in prose is a weak mention');
  assert.equal(byName.get('api_errors_total')!.strong, true);
});

test('definitions: a list item or table row that starts by naming the metric, or a heading', () => {
  const text = [
    '# Metrics',
    '- `relay_lag_seconds` — replication lag',
    '- **`relay_drops_total`**: dropped messages',
    '| `relay_queue_depth` | gauge | items waiting |',
    '|---|---|---|',
    '| cpu | `relay_cpu_seconds_total` | not first cell |',
    '1. Check `relay_lag_seconds` is below 5.',
    '### `relay_backlog_bytes`',
  ].join('\n');
  const defs = scanRunbook(text).mentions.filter(m => m.definition).map(m => [m.name, m.line]);
  assert.deepEqual(defs, [['relay_lag_seconds', 1], ['relay_drops_total', 2], ['relay_queue_depth', 3], ['relay_backlog_bytes', 7]]);
});

test('fences: tilde, longer closers, list-nested and unclosed fences hide their contents', () => {
  assert.deepEqual(names('~~~promql\nfoo_total\n```\nbar_total\n~~~~\n`baz_total`\n'), ['foo_total', 'bar_total', 'baz_total']);
  assert.deepEqual(names('1. step\n   ```promql\n   nested_total\n   ```\n`after_total`\n'), ['nested_total', 'after_total']);
  assert.deepEqual(scanRunbook('```\n# inside\n`x_total`\n').sections, []);
  assert.deepEqual(names('```\n`x_total`\n'), []);
});

test('CRLF line endings give the same facts', () => {
  const text = generateRunbook(8_000, 2);
  assert.deepEqual(scanRunbook(text.replace(/\n/g, '\r\n')), scanRunbook(text));
});

test('metrics: words after a syntax error in a promql fence are weak (never offered for completion)', () => {
  const text = '# x\n\n```promql\ntopk(5, queue_depth)\nqueue_depth > 5000 for 3 epochs\nsum by (le) (\n  rate(lat_seconds_bucket[5m])\n)\n```\n';
  const strong = scanRunbook(text).mentions.filter(m => m.strong).map(m => m.name);
  const weak = scanRunbook(text).mentions.filter(m => !m.strong).map(m => m.name);
  assert.deepEqual(strong, ['queue_depth', 'queue_depth', 'lat_seconds_bucket']);
  assert.deepEqual(weak, ['for', 'epochs']);
});

test('a 2 MB line of backtick runs of growing length is scanned in one pass (the index took 7 s for 1 MB on the server\'s main thread), code spans kept', { timeout: 20_000 }, () => {
  let ticks = '';
  for (let n = 1; ticks.length < 2_000_000; n++) ticks += `${'`'.repeat(n)}a`;
  const line = `- \`queue_depth_ratio\` first, then \`\`api_errors_total\`\`, ${ticks}`;
  const names = scanRunbook(`# T\n${line}\n`).mentions.map(m => [m.name, m.char]);
  assert.deepEqual(names, [['queue_depth_ratio', 3], ['api_errors_total', line.indexOf('api_errors_total')]]);
});

// `runbook/chartData` over real stdio against a real Prometheus: a PromQL step's queries as
// series on one grid, one error line per failing query, and refusals that say why.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type LspSession } from '../tools/lspClient';
import { startPrometheus, prometheusAvailable, type RunningPrometheus } from '../support/prometheus';

const skip = prometheusAvailable() ? false : 'prometheus is not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
let s: LspSession;
const ws = mkdtempSync(join(tmpdir(), 'runbook-lsp-chart-'));
const uri = pathToFileURL(join(ws, 'latency.md')).href;
const text = [
  '# Latency',
  '',
  '```bash',
  'echo not a chart',
  '```',
  '',
  '```promql',
  '# requests per route',
  'sum by (route) (rate(runbook_demo_requests_total[1m]))',
  'runbook_demo_requests_total{route="/nosuch"}',
  '```',
  '',
].join('\n');

interface Chart { env: string; step: number; times: number[]; series: { name: string; values: (number | null)[] }[]; queries: { expr: string; series: number; error?: string; graphUrl?: string }[]; error?: string }

before(async () => {
  if (skip) return;
  prom = await startPrometheus();
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), 'environments:\n  offline:\n    variables: {}\n');
  s = await startServer({ rootUri: pathToFileURL(ws).href, env: { PROMETHEUS_URL: prom.url } });
  const wait = s.diagnostics(uri);
  s.open(uri, text);
  await wait;
});
after(async () => { await s?.stop(); await prom?.stop(); });

test('a PromQL step charts each of its queries: series per route with values, the empty query counted, links to the graph page', { skip }, async () => {
  const c = await s.conn.sendRequest('runbook/chartData', { uri, index: 1, range: '15m' }) as Chart;
  assert.equal(c.error, undefined, c.error);
  assert.equal(c.env, 'local');
  assert.equal(c.step, 2);
  assert.ok(c.times.length >= 60 && c.times.length <= 301, `${c.times.length} points`);
  assert.deepEqual(c.queries.map(q => [q.expr, q.error]), [['sum by (route) (rate(runbook_demo_requests_total[1m]))', undefined], ['runbook_demo_requests_total{route="/nosuch"}', undefined]]);
  assert.ok(c.queries[0]!.series >= 2, 'the exporter serves several routes');
  assert.equal(c.queries[1]!.series, 0);
  assert.ok(c.series.every(sr => /^route="/.test(sr.name)), c.series.map(sr => sr.name).join(', '));
  assert.ok(c.series.every(sr => sr.values.length === c.times.length));
  assert.ok(c.series.some(sr => sr.values.some(v => typeof v === 'number' && v > 0)), 'the backfilled hour has rates');
  assert.match(c.queries[0]!.graphUrl!, /^http:\/\/127\.0\.0\.1:\d+\/graph\?g0\.expr=sum.*range_input=15m/);
});

test('a query Prometheus rejects is one error line, the others still drawn', { skip }, async () => {
  const bad = pathToFileURL(join(ws, 'bad.md')).href;
  const wait = s.diagnostics(bad);
  s.open(bad, '# Bad\n\n```promql\nrunbook_demo_requests_total\nlabel_replace(up, "x", "$1", "job", "(")\n```\n');
  await wait;
  const c = await s.conn.sendRequest('runbook/chartData', { uri: bad, index: 0, range: '1h' }) as Chart;
  assert.equal(c.queries.length, 2);
  assert.equal(c.queries[0]!.error, undefined);
  assert.ok(c.queries[0]!.series >= 1);
  assert.match(c.queries[1]!.error!, /Prometheus .*(regular expression|parse|bad_data)/i);
  assert.doesNotMatch(c.queries[1]!.error!, /\n/);
});

test('the chart finds its block again: by its text after a block is added above, by its place after its query is edited', { skip }, async () => {
  const moved = pathToFileURL(join(ws, 'moved.md')).href;
  const body = 'sum(runbook_demo_requests_total)';
  let wait = s.diagnostics(moved);
  s.open(moved, `# M\n\n\`\`\`promql\n${body}\n\`\`\`\n`);
  await wait;
  const first = await s.conn.sendRequest('runbook/chartData', { uri: moved, index: 0, range: '15m' }) as Chart & { index: number; bodyHash: string };
  assert.equal(first.index, 0);
  wait = s.diagnostics(moved);
  s.change(moved, 2, [{ text: `# M\n\n\`\`\`bash\necho new step\n\`\`\`\n\n\`\`\`promql\n${body}\n\`\`\`\n` }]);
  await wait;
  const after = await s.conn.sendRequest('runbook/chartData', { uri: moved, index: 0, bodyHash: first.bodyHash, range: '15m' }) as Chart & { index: number };
  assert.equal(after.error, undefined);
  assert.deepEqual([after.index, after.step, after.queries[0]!.expr], [1, 2, body], 'the same query, now the second step');
  wait = s.diagnostics(moved);
  s.change(moved, 3, [{ text: `# M\n\n\`\`\`bash\necho new step\n\`\`\`\n\n\`\`\`promql\ncount(runbook_demo_requests_total)\n\`\`\`\n` }]);
  await wait;
  const edited = await s.conn.sendRequest('runbook/chartData', { uri: moved, index: 1, bodyHash: first.bodyHash, range: '15m' }) as Chart & { index: number };
  assert.deepEqual([edited.index, edited.queries[0]!.expr], [1, 'count(runbook_demo_requests_total)'], 'its edited query');
});

test('not a PromQL step, a bad range, an unknown document: a message saying why', { skip }, async () => {
  assert.match((await s.conn.sendRequest('runbook/chartData', { uri, index: 0, range: '1h' }) as Chart).error!, /no longer a PromQL step/);
  assert.match((await s.conn.sendRequest('runbook/chartData', { uri, index: 1, range: 'tomorrow' }) as Chart).error!, /not a range/);
  assert.match((await s.conn.sendRequest('runbook/chartData', { uri: 'file:///nowhere.md', index: 1, range: '1h' }) as Chart).error!, /not open/);
  assert.match((await s.conn.sendRequest('runbook/chartData', null) as Chart).error!, /not open/);
});

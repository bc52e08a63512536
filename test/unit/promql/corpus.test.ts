import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { buildModel } from '../../../server/src/model/build';
import { blockExpressions } from '../../../server/src/promql/places';
import { lintExpression } from '../../../server/src/promql/lint';
import { AGGREGATIONS, FUNCTIONS, PROMQL_KEYWORDS } from '../../../server/src/promql/functions';

const CORPUS = '/work/shared/corpus';
const accumen = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.md')).map((f) => join(CORPUS, f))
  .find((f) => /Accumen Operations Runbook/.test(readFileSync(f, 'utf8'))) : undefined;

test('field corpus: every expr: in the Accumen alert rules parses clean', { skip: !accumen && 'corpus not present' }, () => {
  const text = readFileSync(accumen!, 'utf8');
  const exprs = buildModel(text).blocks.filter((b) => b.lang === 'yaml').flatMap((b) => blockExpressions(b)).map((e) => e.expr.text);
  assert.equal(exprs.length, 4);
  for (const e of exprs) assert.deepEqual(lintExpression(e, { context: 'rule' }).problems, [], e);
});

test('field corpus: the inline metric list yields the accumen_* metrics, and expvar keys are not metrics', { skip: !accumen && 'corpus not present' }, async () => {
  const text = readFileSync(accumen!, 'utf8');
  const { analysis } = await analyzeText(text);
  assert.deepEqual(analysis.diagnostics.filter((d) => /^(promql|alert)\//.test(String(d.code))), []);
  const inline = new Set(analysis.metrics.filter((m) => m.source === 'inline').map((m) => m.name));
  for (const name of ['accumen_blocks_produced_total', 'accumen_transactions_processed_total', 'accumen_block_production_duration_seconds',
    'accumen_transaction_execution_duration_seconds', 'accumen_gas_used_total', 'accumen_mempool_size', 'accumen_mempool_accounts',
    'accumen_execution_queue_depth', 'accumen_memory_usage_bytes', 'accumen_goroutines', 'accumen_transaction_failures_total',
    'accumen_execution_errors_total', 'accumen_bridge_errors_total', 'accumen_api_errors_total']) assert.ok(inline.has(name), name);
  const all = analysis.metrics.map((m) => m.name);
  assert.ok(all.every((n) => n.startsWith('accumen_')), all.filter((n) => !n.startsWith('accumen_')).join(', '));
  for (const expvar of ['wasm_gas_used_total', 'blocks_produced', 'txs_executed']) assert.ok(!all.includes(expvar), expvar);
});

test('every fixture: metrics hold no function names, label names or keywords', async () => {
  const dir = join(__dirname, '../../fixtures');
  const files: string[] = [];
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { if (e.isDirectory()) walk(join(d, e.name)); else if (e.name.endsWith('.md')) files.push(join(d, e.name)); } };
  walk(dir);
  assert.ok(files.some((f) => f.includes('promql')), 'the PromQL fixtures are walked');
  const banned = new Set([...FUNCTIONS.map((f) => f.name), ...AGGREGATIONS.map((a) => a.name), ...PROMQL_KEYWORDS]);
  let total = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const { analysis } = await analyzeText(text);
    for (const m of analysis.metrics) {
      total++;
      assert.ok(!banned.has(m.name), `${f}: ${m.name} is a function or keyword`);
      // A label name would sit before a match operator or inside a grouping list.
      const line = text.split('\n')[m.range.start.line];
      const after = line.slice(m.range.end.character).replace(/^["'`]/, '');
      const before = line.slice(0, m.range.start.character);
      assert.ok(!/^\s*(=|!=|=~|!~)\s*\\?["'`]/.test(after), `${f}: ${m.name} is a label name (matcher)`);
      assert.ok(!/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*$/.test(before), `${f}: ${m.name} is a label name (grouping)`);
    }
  }
  assert.ok(total > 20, `fixtures gave ${total} metrics`);
});

test('the four-places fixture: metrics from fences, YAML, shell, inline and list context, with sources', async () => {
  const text = readFileSync(join(__dirname, '../../fixtures/promql/four-places.md'), 'utf8');
  const { analysis } = await analyzeText(text);
  const bySource = (s: string) => [...new Set(analysis.metrics.filter((m) => m.source === s).map((m) => m.name))].sort();
  assert.deepEqual(bySource('promql-block'), ['treasury_backlog_size', 'treasury_errors_total', 'treasury_request_duration_seconds_bucket', 'treasury_requests_total']);
  assert.deepEqual(bySource('shell'), ['treasury_backlog_size', 'treasury_inflight_requests', 'treasury_payouts_total', 'treasury_queue_depth', 'treasury_up']);
  assert.deepEqual(bySource('yaml-expr'), ['treasury_backlog_size', 'treasury_errors_total']);
  assert.deepEqual(bySource('inline'), ['treasury_errors_total', 'treasury_ledger_lag', 'treasury_requests_total']);
  for (const m of analysis.metrics) {
    const lines = text.split('\n');
    assert.equal(lines[m.range.start.line].slice(m.range.start.character, m.range.end.character), m.name, `${m.source} ${m.name}`);
  }
  assert.deepEqual(analysis.diagnostics.filter((d) => /^(promql|alert)\//.test(String(d.code))), []);
});

test('the mistakes fixture: each mistake reported once, at the right text', async () => {
  const text = readFileSync(join(__dirname, '../../fixtures/promql/mistakes.md'), 'utf8');
  const { analysis } = await analyzeText(text);
  const lines = text.split('\n');
  const got = analysis.diagnostics.filter((d) => /^(promql|alert)\//.test(String(d.code)))
    .map((d) => `${d.code} ${lines[d.range.start.line].slice(d.range.start.character, d.range.end.line === d.range.start.line ? d.range.end.character : undefined)}`);
  assert.deepEqual(got, [
    'promql/syntax for',
    'promql/type treasury_requests_total',
    'promql/type treasury_top',
    'promql/arity label_replace(up, "host", "$1", "instance")',
    'promql/type and',
    'promql/unknown-function rat',
    'promql/syntax for',
    'alert/severity sev1',
    'alert/for 5 minutes',
    'alert/shape critical',
    'alert/expr record',
    'promql/type treasury_errors_total{code=\\"500\\"}',
  ]);
  const moved = analysis.diagnostics.find((d) => d.code === 'promql/syntax' && d.range.start.line === 13)!;
  assert.ok((moved.data as { fixes: unknown[] }).fixes.length === 1, 'the YAML `for 5m` carries its move fix');
});

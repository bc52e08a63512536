// Hover, completion and metric/unknown over real stdio, against a real Prometheus scraping the
// test exporter. The server resolves the environment itself here (no VS Code client), from the
// workspace's environments file and PROMETHEUS_URL.
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
const ws = mkdtempSync(join(tmpdir(), 'runbook-lsp-metrics-'));
const uri = pathToFileURL(join(ws, 'backlog.md')).href;
const text = [
  '# Backlog',
  '',
  'Watch `treasury_disbursement_backlog` and `runbook_demo_requests_total`.',
  '',
  '```promql',
  'sum(treasury_disbursment_backlog)',
  'rate(runbook_demo_requests_total[5m])',
  '```',
  '',
].join('\n');

before(async () => {
  if (skip) return;
  prom = await startPrometheus();
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), 'environments:\n  offline:\n    variables: {}\n');
  s = await startServer({ rootUri: pathToFileURL(ws).href, env: { PROMETHEUS_URL: prom.url } });
});
after(async () => { await s?.stop(); await prom?.stop(); });

test('hover on a counter shows its value, series, HELP/TYPE, trend and the query', { skip }, async () => {
  const wait = s.diagnostics(uri);
  s.open(uri, text);
  await wait;
  const hover = await s.conn.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 2, character: 50 } }) as { contents: { value: string } };
  const md = hover.contents.value;
  assert.match(md, /runbook_demo_requests_total/);
  assert.match(md, /Requests served by the demo service/, 'HELP from metadata');
  assert.match(md, /counter/i, 'TYPE');
  assert.match(md, /series/i);
  assert.match(md, /!\[[^\]]*\]\(data:image\/svg\+xml/, 'trend chart image');
  assert.match(md, /local/, 'environment name');
});

test('metric/unknown flags a misspelt metric with a correct did-you-mean', { skip }, async () => {
  const diags = await s.diagnostics(uri, d => d.some(x => x.code === 'metric/unknown'));
  const unknown = diags.filter(d => d.code === 'metric/unknown');
  assert.equal(unknown.length, 1);
  assert.equal(unknown[0].range.start.line, 5);
  assert.match(unknown[0].message, /treasury_disbursement_backlog/);
});

test('completion offers a metric name from the live server', { skip }, async () => {
  const doc2 = pathToFileURL(join(ws, 'complete.md')).href;
  const wait = s.diagnostics(doc2);
  s.open(doc2, '```promql\nsum(accumen_mem\n```\n');
  await wait;
  const list = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: doc2 }, position: { line: 1, character: 15 } }) as { items: { label: string; documentation?: unknown; detail?: string }[] };
  const item = list.items.find(i => i.label === 'accumen_mempool_size');
  assert.ok(item, `live name offered (got ${list.items.slice(0, 10).map(i => i.label).join(', ')})`);
  assert.match(JSON.stringify(item), /gauge/i, 'the item carries its TYPE');
});

test('switching to an environment with no Prometheus clears metric/unknown', { skip }, async () => {
  const cleared = s.diagnostics(uri, d => !d.some(x => x.code === 'metric/unknown'));
  await s.conn.sendNotification('runbook/state', { env: { name: 'offline', protected: false } });
  await cleared;
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } }) as { contents: { value: string } };
  assert.match(hover.contents.value, /offline/, 'the hover names the environment and says there is no Prometheus');
});

test('hover on a function shows its doc and the whole expression evaluated live', { skip }, async () => {
  await s.conn.sendNotification('runbook/state', { env: { name: 'local', protected: false } });
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 2 } }) as { contents: { value: string } };
  assert.match(hover.contents.value, /rate\(/, 'the function signature');
  assert.match(hover.contents.value, /Result/, 'the live result of the expression');
  assert.match(hover.contents.value, /\blocal\b/);
});

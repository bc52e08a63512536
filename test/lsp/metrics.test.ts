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

test('metric/unknown: the quick fix replaces the misspelt name with the real one', { skip }, async () => {
  const diags = await s.diagnostics(uri, d => d.some(x => x.code === 'metric/unknown'));
  const unknown = diags.find(d => d.code === 'metric/unknown')!;
  const actions = await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } }) as { title: string; isPreferred?: boolean; edit?: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
  const fix = actions.find(a => a.title === 'Replace with treasury_disbursement_backlog');
  assert.ok(fix, `did-you-mean fix offered (got ${actions.map(a => a.title).join(', ')})`);
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.edit!.changes[uri], [{ range: unknown.range, newText: 'treasury_disbursement_backlog' }]);
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

type Item = { label: string; filterText?: string; detail?: string; textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } };
async function completeAt(name: string, body: string, line: number, character: number, pauseMs = 0): Promise<Item[]> {
  const u = pathToFileURL(join(ws, name)).href;
  const wait = s.diagnostics(u);
  s.open(u, body);
  await wait;
  // A user who pauses after typing: by then the workspace index has rescanned the document.
  if (pauseMs) await new Promise(r => setTimeout(r, pauseMs));
  const list = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: u }, position: { line, character } }) as { items: Item[] };
  return list.items;
}

test('completion after `accumen_` replaces what was typed, so accepting does not double it', { skip }, async () => {
  const items = await completeAt('underscore.md', '```promql\naccumen_\n```\n', 1, 8);
  const item = items.find(i => i.label === 'accumen_mempool_size');
  assert.ok(item?.textEdit, 'the live item carries a text edit');
  assert.deepEqual(item.textEdit.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } });
  assert.equal(item.textEdit.newText, 'accumen_mempool_size');
  assert.equal(item.filterText, 'accumen_mempool_size');
  for (const i of items) assert.ok(i.textEdit, `${i.label} has a range (else VS Code uses Markdown's word, which stops at _)`);
});

test('completion offers only metrics that exist: not the half-typed word, not words of invalid lines', { skip }, async () => {
  const body = '```promql\naccumen_mempool_size > 5000 for 3 epochs\ntreasury_nowhere_total\ntreas\n```\n';
  const items = await completeAt('halfword.md', body, 3, 5, 600);
  const labels = items.map(i => i.label);
  assert.ok(labels.includes('treasury_disbursement_backlog'), `live name offered (got ${labels.slice(0, 8).join(', ')})`);
  for (const bad of ['treas', 'for', 'epochs', 'treasury_nowhere_total']) assert.ok(!labels.includes(bad), `${bad} is not offered`);
});

test('label value completion after {queue=" closes the quote', { skip }, async () => {
  const items = await completeAt('labelvalue.md', '```promql\ntreasury_disbursement_backlog{queue="pa\n```\n', 1, 39);
  const item = items.find(i => i.label === 'payroll');
  assert.ok(item?.textEdit, `payroll offered (got ${items.map(i => i.label).join(', ')})`);
  assert.equal(item.textEdit.newText, 'payroll"');
  assert.deepEqual(item.textEdit.range, { start: { line: 1, character: 37 }, end: { line: 1, character: 39 } });
  const closed = await completeAt('labelvalue2.md', '```promql\ntreasury_disbursement_backlog{queue="pa"}\n```\n', 1, 39);
  assert.equal(closed.find(i => i.label === 'payroll')?.textEdit?.newText, 'payroll', 'no second quote when one follows');
});

test('switching to an environment with no Prometheus clears metric/unknown', { skip }, async () => {
  const cleared = s.diagnostics(uri, d => !d.some(x => x.code === 'metric/unknown'));
  await s.conn.sendNotification('runbook/state', { env: { name: 'offline', protected: false } });
  await cleared;
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } }) as { contents: { value: string } };
  assert.match(hover.contents.value, /offline/, 'the hover names the environment and says there is no Prometheus');
});

test('without a Prometheus, completion offers names the runbooks use in valid PromQL, not the typed word', { skip }, async () => {
  const items = await completeAt('offline.md', '```promql\ntreas\n```\n', 1, 5);
  const labels = items.map(i => i.label);
  assert.ok(labels.includes('treasury_disbursement_backlog'), `a name from backlog.md (got ${labels.filter(l => l.includes('_')).join(', ')})`);
  for (const bad of ['treas', 'for', 'epochs']) assert.ok(!labels.includes(bad), `${bad} is not offered`);
  assert.deepEqual(items.find(i => i.label === 'treasury_disbursement_backlog')!.textEdit!.range.start, { line: 1, character: 0 });
});

test('hover on a function shows its doc and the whole expression evaluated live', { skip }, async () => {
  await s.conn.sendNotification('runbook/state', { env: { name: 'local', protected: false } });
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 2 } }) as { contents: { value: string } };
  assert.match(hover.contents.value, /rate\(/, 'the function signature');
  assert.match(hover.contents.value, /Result/, 'the live result of the expression');
  assert.match(hover.contents.value, /\blocal\b/);
});

// Symptom lenses, the check request, inlay hints (fresh, then stale) and the symptom hover over
// real stdio, against a real Prometheus scraping the test exporter.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type LspSession } from '../tools/lspClient';
import { startPrometheus, prometheusAvailable, type RunningPrometheus } from '../support/prometheus';

const skip = prometheusAvailable() ? false : 'prometheus is not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
let s: LspSession;
const ws = mkdtempSync(join(tmpdir(), 'runbook-lsp-symptoms-'));
const uri = pathToFileURL(join(ws, 'backlog.md')).href;
const lines = [
  '# Backlog',
  '',
  '## Symptoms',
  '',
  '- [ ] `treasury_disbursement_backlog >= 0` for 2+ epochs',
  '- [ ] `accumen_mempool_size > 1e12`',
  '- [ ] Executor reports `last_error != null`',
  '',
];
const text = lines.join('\n');

before(async () => {
  if (skip) return;
  prom = await startPrometheus({ backfill: false });
  s = await startServer({ rootUri: pathToFileURL(ws).href, env: { PROMETHEUS_URL: prom.url } });
  const wait = s.diagnostics(uri);
  s.open(uri, text);
  await wait;
});
after(async () => { await s?.stop(); await prom?.stop(); });

type Hint = { position: { line: number; character: number }; label: string };
const hints = () => s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } } }) as Promise<Hint[]>;

test('a Check symptoms lens above the list, naming the environment and the count', { skip }, async () => {
  const lenses = await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as { range: { start: { line: number } }; command: { title: string; command: string } }[];
  const lens = lenses.find(l => l.command.command === 'runbook.checkSymptoms');
  assert.ok(lens, JSON.stringify(lenses));
  assert.equal(lens.range.start.line, 4);
  assert.equal(lens.command.title, 'Check symptoms on local (2 symptoms)');
});

test('no hints before a check; after it, each result at the end of its line, then stale', { skip }, async () => {
  assert.deepEqual(await hints(), []);
  const r = await s.conn.sendRequest('runbook/checkSymptoms', { uri }) as { env: string; symptoms: { line: number; state: string }[] };
  assert.equal(r.env, 'local');
  assert.deepEqual(r.symptoms.map(x => [x.line, x.state]), [[4, 'present'], [5, 'absent']]);
  const h = await hints();
  assert.deepEqual(h.map(x => [x.position.line, x.position.character]), [[4, lines[4].length], [5, lines[5].length]]);
  assert.match(h[0].label, /^● present \(2 series, max \d+\)$/);
  assert.equal(h[1].label, '○ absent');
  const lenses = await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as { command: { title: string; command: string } }[];
  assert.deepEqual(lenses.filter(l => l.command.command === 'runbook.checkSymptoms').map(l => l.command.title), ['Re-check symptoms on local (1 of 2 present)']);
  s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { runbook: { symptoms: { staleAfterSeconds: 0.001 } } } });
  await new Promise(r => setTimeout(r, 50));
  assert.match((await hints())[1].label, /^○ absent · stale, \d+s ago$/);
  s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { runbook: {} } });
});

test('hover on a symptom: the metric hover, then the condition per series', { skip }, async () => {
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 12 } }) as { contents: { value: string } };
  const md = hover.contents.value;
  assert.match(md, /Disbursements waiting for approval/, 'the metric hover (HELP)');
  assert.match(md, /\*\*Symptom\*\* `treasury_disbursement_backlog >= 0` on _local_: ● present \(2 series, max \d+\)/);
  assert.match(md, /\| queue \| value \|[\s\S]*payroll[\s\S]*vendor|vendor[\s\S]*payroll/);
});

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type LspSession } from '../tools/lspClient';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/markdown', name), 'utf8');
let s: LspSession;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

test('didOpen publishes the unclosed-fence error on the opening line', async () => {
  const uri = 'file:///tmp/unclosed-in-list.md';
  const wait = s.diagnostics(uri);
  s.open(uri, fixture('unclosed-in-list.md'));
  const diags = (await wait).filter(d => d.code === 'markdown/unclosed-fence');
  assert.equal(diags.length, 1);
  assert.equal(diags[0].range.start.line, 4);
  assert.match(diags[0].message, /never closed/);
});

test('diagnostics follow an incremental edit that closes the fence', async () => {
  const uri = 'file:///tmp/unclosed-at-end.md';
  const first = s.diagnostics(uri);
  s.open(uri, fixture('unclosed-at-end.md'));
  assert.equal((await first).filter(d => d.code === 'markdown/unclosed-fence').length, 1);
  const fixed = s.diagnostics(uri, d => !d.some(x => x.code === 'markdown/unclosed-fence'));
  // Insert a closing fence after the `rm` line (line 5).
  s.change(uri, 2, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: '```\n' }]);
  await fixed;
  const broken = s.diagnostics(uri, d => d.some(x => x.code === 'markdown/unclosed-fence'));
  s.change(uri, 3, [{ range: { start: { line: 6, character: 0 }, end: { line: 7, character: 0 } }, text: '' }]);
  await broken;
});

test('document symbols give the outline with steps as children', async () => {
  const uri = 'file:///tmp/messy.md';
  const wait = s.diagnostics(uri);
  s.open(uri, fixture('messy.md'));
  await wait;
  const syms = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as { name: string; children?: { name: string; children?: unknown[] }[] }[];
  assert.equal(syms.length, 1);
  assert.equal(syms[0].name, 'Treasury disbursement stalls 🚨');
  const diag = syms[0].children!.find(c => c.name === 'Diagnosis — step by step')!;
  assert.ok(diag, 'second-level section nested under the title');
  const names = (diag.children as { name: string }[]).map(c => c.name);
  assert.deepEqual(names.slice(0, 2), ['bash · step 1', 'promql · step 2']);
  assert.ok(names.includes('Escalation'));
});

test('folding ranges cover sections and blocks', async () => {
  const uri = 'file:///tmp/messy.md';
  const ranges = await s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } }) as { startLine: number; endLine: number }[];
  assert.ok(ranges.some(r => r.startLine === 13 && r.endLine === 15), 'the bash block folds');
  assert.ok(ranges.some(r => r.startLine === 9), 'the Diagnosis section folds');
});

test('code lenses sit on runnable blocks only', async () => {
  const uri = 'file:///tmp/messy.md';
  // Run lenses only exist once the editor says the workspace is trusted (see run.test.ts).
  await s.conn.sendNotification('runbook/state', { trusted: true });
  const lenses = await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as { range: { start: { line: number } }; command?: { title: string } }[];
  // Run all / Run section sit on headings; each block has its own Run.
  const lines = lenses.filter(l => l.command?.title.startsWith('▶ Run step')).map(l => l.range.start.line);
  assert.ok(lines.includes(13), 'bash block');
  assert.ok(lines.includes(19), 'promql block');
  assert.ok(!lines.includes(30), 'the expected-output block has no lens');
  assert.equal(new Set(lines).size, 3);
});

test('a standalone .promql file gets PromQL diagnostics, and its # comments are not sections', async () => {
  const uri = 'file:///tmp/queries.promql';
  const wait = s.diagnostics(uri, d => d.length > 0);
  s.open(uri, '# backlog by job\nsum(rate(x[5m]) by (job)\n', 'promql');
  const diags = await wait;
  assert.ok(diags.some(d => String(d.code).startsWith('promql/')), JSON.stringify(diags));
  const syms = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as unknown[];
  assert.deepEqual(syms, []);
});

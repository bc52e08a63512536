// Alerts linked to runbook sections, through the real server over stdio: diagnostics in rule files
// (not open documents) and runbooks, and navigation between headings and rules.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const root = join(__dirname, '../..');
let ws: string;
let proc: ChildProcess;
let conn: MessageConnection;
const uri = (rel: string) => URI.file(join(ws, rel)).toString();
type Diag = { code: string; severity: number; message: string; range: { start: { line: number; character: number } } };
const published = new Map<string, Diag[]>();
const waiters: (() => void)[] = [];

const rules = [
  'groups:',
  '- name: treasury',
  '  rules:',
  '  - alert: TreasuryStuck',
  '    expr: treasury_disbursement_backlog > 50',
  '    annotations:',
  '      runbook_url: ../runbooks/treasury.md#treasurystuck',
  '  - alert: TreasuryLagging',
  '    expr: treasury_disbursement_lag_seconds > 300',
  '    annotations:',
  '      runbook_url: https://git.example.com/ops/blob/main/runbooks/treasury.md#treasury-lagging',
  '  - alert: LedgerDown',
  '    expr: up{job="ledger"} == 0',
  '    annotations:',
  '      runbook_url: runbooks/ledger.md',
  '',
].join('\n');
const treasury = [
  '# Treasury', '', '## TreasuryStuck', '', 'Disbursements are stuck.', '', '## TreasuryLagging', '', 'Slow.', '',
  '## TreasuryOverdrawn', '', 'No rule fires this any more.', '', '## Rules', '', '```yaml', '- alert: TreasuryOverdrawn2',
  '  expr: treasury_balance < 0', '  annotations:', '    runbook_url: "#treasuryoverdrawn-section"',
  '- alert: TreasuryStuck', '  expr: treasury_disbursement_backlog > 50', '  annotations:', '    runbook_url: "#treasurystuck"', '```', '',
].join('\n');

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'runbook-alerts-'));
  mkdirSync(join(ws, 'runbooks'));
  mkdirSync(join(ws, 'rules'));
  writeFileSync(join(ws, 'rules/treasury.yml'), rules);
  writeFileSync(join(ws, 'runbooks/treasury.md'), treasury);
  proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/lsp/main.ts'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, RUNBOOK_CACHE_DIR: join(ws, '.cache') } });
  proc.stderr!.on('data', () => undefined);
  conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('workspace/workspaceFolders', () => [{ uri: URI.file(ws).toString(), name: 'ws' }]);
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onNotification('$/progress', () => undefined);
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diag[] }) => {
    published.set(p.uri, p.diagnostics);
    for (const w of waiters.splice(0)) w();
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const settings = { alerts: { runbookUrlPrefixes: ['https://git.example.com/ops/blob/main/'] } };
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(ws).toString(), workspaceFolders: [{ uri: URI.file(ws).toString(), name: 'ws' }], initializationOptions: { settings }, capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } } });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('runbooks/treasury.md'), languageId: 'markdown', version: 1, text: treasury } });
});

after(async () => {
  try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
  conn.dispose();
  if (proc.exitCode === null) proc.kill();
  rmSync(ws, { recursive: true, force: true });
});

async function diagnosticsOf(u: string, code: string, want: number): Promise<Diag[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const d = (published.get(u) ?? []).filter((x) => x.code === code);
    if (d.length >= want || Date.now() > deadline) return d;
    await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 200); });
  }
}

test('a rule file (never opened) gets alert/runbook-link on its broken links only', async () => {
  const d = await diagnosticsOf(uri('rules/treasury.yml'), 'alert/runbook-link', 2);
  assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[10, 2], [14, 2]]);
  assert.match(d[0].message, /heading #treasury-lagging in runbooks\/treasury\.md, which has no such heading\. Did you mean #treasurylagging\?/);
  assert.match(d[1].message, /runbooks\/ledger\.md, which is not in the workspace/);
});

test('a runbook: its own rule block\'s broken anchor, and a heading no rule defines', async () => {
  const link = await diagnosticsOf(uri('runbooks/treasury.md'), 'alert/runbook-link', 1);
  assert.equal(link.length, 1);
  assert.equal(link[0].range.start.line, 20);
  const none = await diagnosticsOf(uri('runbooks/treasury.md'), 'alert/no-rule', 1);
  assert.deepEqual(none.map((x) => [x.range.start.line, x.severity]), [[10, 3]]);
  assert.match(none[0].message, /No alerting rule named TreasuryOverdrawn is known/);
});

type Loc = { uri: string; range: { start: { line: number; character: number } } };
const at = (u: string, line: number, character: number) => ({ textDocument: { uri: u }, position: { line, character } });

test('go to definition: from a heading titled after an alert to its rules, from a rule to its section', async () => {
  await diagnosticsOf(uri('rules/treasury.yml'), 'alert/runbook-link', 2); // the crawl is done
  const defs = await conn.sendRequest('textDocument/definition', at(uri('runbooks/treasury.md'), 2, 5)) as Loc[];
  assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line, d.range.start.character]), [[uri('rules/treasury.yml'), 3, 11], [uri('runbooks/treasury.md'), 21, 9]]);
  const back = await conn.sendRequest('textDocument/definition', at(uri('runbooks/treasury.md'), 21, 12)) as Loc[];
  assert.deepEqual(back.map((d) => [d.uri, d.range.start.line]), [[uri('runbooks/treasury.md'), 2]]);
});

test('references of an alert: its rules and the sections written for it', async () => {
  const refs = await conn.sendRequest('textDocument/references', { ...at(uri('runbooks/treasury.md'), 6, 4), context: { includeDeclaration: true } }) as Loc[];
  assert.deepEqual(refs.map((d) => [d.uri.split('/').slice(-2).join('/'), d.range.start.line]), [['rules/treasury.yml', 7], ['runbooks/treasury.md', 6]]);
});

test('document links: a rule block\'s runbook_url opens the section it names', async () => {
  const links = await conn.sendRequest('textDocument/documentLink', { textDocument: { uri: uri('runbooks/treasury.md') } }) as { range: { start: { line: number } }; target: string }[];
  assert.deepEqual(links.map((l) => [l.range.start.line, l.target.split('/').pop()]), [[20, 'treasury.md'], [24, 'treasury.md#L3']]);
});

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

// Our own small client: the index needs what the shared test client does not send (workspace
// folders, work-done progress support) and we watch the progress notifications it reports.
const root = join(__dirname, '../..');
let ws: string;
let proc: ChildProcess;
let conn: MessageConnection;
const progress: { kind: string; message?: string; title?: string }[] = [];
let indexed: Promise<void>;
const uri = (rel: string) => URI.file(join(ws, rel)).toString();

const relay = '# Relay runbook\n\n## Metrics\n\n- `relay_lag_seconds` — replication lag\n| `relay_drops_total` | counter |\n|---|---|\n\n## Diagnose lag\n\n```promql\nrate(relay_lag_seconds[5m])\n```\n';
const ledger = '# Ledger\n\n## Lag check\n\nWatch `relay_lag_seconds` here.\n\n```yaml\n- alert: Drops\n  expr: rate(relay_drops_total[5m]) > 0\n```\n';

before(async () => {
  ws = mkdtempSync(join(tmpdir(), 'runbook-ws-'));
  mkdirSync(join(ws, 'runbooks'));
  writeFileSync(join(ws, 'runbooks/relay.md'), relay);
  writeFileSync(join(ws, 'runbooks/ledger.md'), ledger);
  for (let i = 0; i < 30; i++) writeFileSync(join(ws, `runbooks/filler-${i}.md`), `# Filler ${i}\n\nNothing about metrics.\n`);
  proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/lsp/main.ts'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, RUNBOOK_CACHE_DIR: join(ws, '.cache') } });
  proc.stderr!.on('data', () => undefined);
  conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  let done!: () => void;
  indexed = new Promise(r => { done = r; });
  conn.onRequest('workspace/workspaceFolders', () => [{ uri: URI.file(ws).toString(), name: 'ws' }]);
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', (p: { value: { kind: string; message?: string; title?: string } }) => {
    progress.push(p.value);
    if (p.value.kind === 'end') done();
  });
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(ws).toString(), workspaceFolders: [{ uri: URI.file(ws).toString(), name: 'ws' }], capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } } });
  await conn.sendNotification('initialized', {});
  await indexed;
});

after(async () => {
  try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ }
  conn.dispose();
  if (proc.exitCode === null) proc.kill();
  rmSync(ws, { recursive: true, force: true });
});

type Loc = { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
const refs = (u: string, line: number, character: number, includeDeclaration = true) =>
  conn.sendRequest('textDocument/references', { textDocument: { uri: u }, position: { line, character }, context: { includeDeclaration } }) as Promise<Loc[] | null>;
const open = (u: string, text: string) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'markdown', version: 1, text } });

test('indexing reports work-done progress from begin to end with counts', () => {
  assert.equal(progress[0].kind, 'begin');
  assert.equal(progress[0].title, 'Indexing runbooks');
  assert.equal(progress.at(-1)!.kind, 'end');
  assert.ok(progress.some(p => p.message === '32/32'), JSON.stringify(progress));
});

test('workspace symbols list sections of closed runbooks, fuzzily matched', async () => {
  const syms = await conn.sendRequest('workspace/symbol', { query: 'diaglag' }) as { name: string; containerName?: string; location: Loc }[];
  assert.deepEqual(syms.map(s => [s.name, s.containerName, s.location.uri, s.location.range.start.line]), [['Diagnose lag', 'Relay runbook', uri('runbooks/relay.md'), 8]]);
  const all = await conn.sendRequest('workspace/symbol', { query: '' }) as unknown[];
  assert.equal(all.length, 30 + 3 + 2);
});

test('find all references of a metric across runbooks, from an open document', async () => {
  const u = uri('runbooks/ledger.md');
  await open(u, ledger);
  // Cursor inside `relay_lag_seconds` on line 4 of the ledger runbook.
  const found = await refs(u, 4, 12);
  assert.deepEqual(found!.map(l => [l.uri.split('/').pop(), l.range.start.line, l.range.start.character, l.range.end.character]).sort(), [
    ['ledger.md', 4, 7, 24], ['relay.md', 11, 5, 22], ['relay.md', 4, 3, 20],
  ].sort());
  const noDecl = await refs(u, 4, 12, false);
  assert.equal(noDecl!.length, 2, 'the documenting list item is the declaration');
  assert.equal(await refs(u, 0, 0), null, 'no metric under the cursor');
});

test('go to definition jumps from an alert expression to the table row documenting the metric', async () => {
  const u = uri('runbooks/ledger.md');
  const defs = await conn.sendRequest('textDocument/definition', { textDocument: { uri: u }, position: { line: 8, character: 16 } }) as Loc[];
  assert.deepEqual(defs.map(d => [d.uri, d.range.start.line, d.range.start.character]), [[uri('runbooks/relay.md'), 5, 3]]);
});

test('the index follows watched-file changes and unsaved edits of open documents', async () => {
  const u = uri('runbooks/ledger.md');
  writeFileSync(join(ws, 'runbooks/new.md'), '# New\n\n- `relay_lag_seconds` is also documented here\n');
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('runbooks/new.md'), type: 1 }] });
  await waitFor(async () => (await refs(u, 4, 12))?.some(l => l.uri === uri('runbooks/new.md')) ?? false);

  rmSync(join(ws, 'runbooks/relay.md'));
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('runbooks/relay.md'), type: 3 }] });
  await waitFor(async () => !(await refs(u, 4, 12))?.some(l => l.uri === uri('runbooks/relay.md')));

  // An unsaved edit in the open document is what references see, without a save.
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ text: '# Ledger\n\nNow `relay_lag_seconds` twice: `relay_lag_seconds`.\n' }] });
  const mine = (await refs(u, 2, 8))!.filter(l => l.uri === u);
  assert.deepEqual(mine.map(l => l.range.start.character), [5, 32]);
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 50));
  }
  assert.fail('condition not reached in time');
}

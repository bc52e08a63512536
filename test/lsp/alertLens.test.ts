// The alert lens through the real server, against a real Prometheus evaluating a real rule and a
// real Alertmanager: firing state on the heading, instances, a silence created, shown and expired.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { startPrometheus, prometheusAvailable, type RunningPrometheus } from '../support/prometheus';
import { startAlertmanager, alertmanagerAvailable, type RunningAlertmanager } from '../support/alertmanager';

const skip = !prometheusAvailable() ? 'prometheus is not installed' : !alertmanagerAvailable() ? 'prometheus-alertmanager is not installed' : false;
const root = join(__dirname, '../..');
let ws: string;
let proc: ChildProcess;
let conn: MessageConnection;
let prom: RunningPrometheus;
let am: RunningAlertmanager;
const RULES = 'groups:\n- name: treasury\n  rules:\n  - alert: TreasuryStuck\n    expr: treasury_executor_stuck > 0\n    for: 1s\n    annotations:\n      runbook_url: ../runbooks/treasury.md#treasurystuck\n';
const RUNBOOK = '# Treasury\n\n## TreasuryStuck\n\nThe executor is stuck.\n\n## Notes\n\nNothing here.\n';
const doc = () => URI.file(join(ws, 'runbooks/treasury.md')).toString();
type Lens = { range: { start: { line: number } }; command: { title: string; command: string; arguments?: unknown[] } };
const lenses = () => conn.sendRequest('textDocument/codeLens', { textDocument: { uri: doc() } }) as Promise<Lens[]>;

before(async () => {
  if (skip) return;
  am = await startAlertmanager();
  prom = await startPrometheus({ backfill: false, ruleFiles: { 'treasury.yml': RULES }, alertmanagers: [am.target] });
  prom.exporter!.setGauge('treasury_executor_stuck', 1);
  ws = mkdtempSync(join(tmpdir(), 'runbook-alertlens-'));
  for (const d of ['runbooks', 'rules', '.runbook']) mkdirSync(join(ws, d));
  writeFileSync(join(ws, 'rules/treasury.yml'), RULES);
  writeFileSync(join(ws, 'runbooks/treasury.md'), RUNBOOK);
  writeFileSync(join(ws, '.runbook/environments.yaml'), `environments:\n  staging:\n    prometheus: ${prom.url}\n    alertmanager: ${am.url}\n  bare:\n    prometheus: ${prom.url}\n`);
  proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/lsp/main.ts'), '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, RUNBOOK_CACHE_DIR: join(ws, '.cache') } });
  proc.stderr!.on('data', () => undefined);
  conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('workspace/workspaceFolders', () => [{ uri: URI.file(ws).toString(), name: 'ws' }]);
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onNotification('$/progress', () => undefined);
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(ws).toString(), workspaceFolders: [{ uri: URI.file(ws).toString(), name: 'ws' }], capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true, codeLens: { refreshSupport: true } } } });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('runbook/state', { trusted: true, env: { name: 'staging', protected: false } });
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc(), languageId: 'markdown', version: 1, text: RUNBOOK } });
});

after(async () => {
  if (conn) { try { await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); } catch { /* gone */ } conn.dispose(); }
  if (proc && proc.exitCode === null) proc.kill();
  await prom?.stop(); await am?.stop();
  if (ws) rmSync(ws, { recursive: true, force: true });
});

async function lensUntil(want: RegExp, ms = 25_000): Promise<Lens[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const l = await lenses();
    if (l.some((x) => want.test(x.command.title)) || Date.now() > deadline) return l;
    await new Promise((r) => setTimeout(r, 500));
  }
}

test('a firing alert shows on its section heading, and its instances list labels and values', { skip }, async () => {
  const l = await lensUntil(/firing in staging/);
  const bell = l.find((x) => x.command.title.startsWith('🔔'))!;
  assert.match(bell.command.title, /^🔔 TreasuryStuck · firing in staging: 1 instance, since \d+s$/);
  assert.equal(bell.range.start.line, 2);
  assert.ok(l.some((x) => x.command.title === 'Silence…' && x.range.start.line === 2));
  const inst = await conn.sendRequest('runbook/alertInstances', { env: 'staging', alert: 'TreasuryStuck' }) as { state: string; instances: { labels: Record<string, string>; value: string }[] };
  assert.equal(inst.state, 'firing');
  assert.equal(inst.instances[0].labels.alertname, 'TreasuryStuck');
  assert.equal(inst.instances[0].value, '1e+00');
});

test('a silence is created through the real Alertmanager, shows on the lens, and expires from there', { skip }, async () => {
  const wrong = await conn.sendRequest('runbook/silenceAlert', { env: 'production', alert: 'TreasuryStuck', durationMs: 3600_000, comment: 'x' }) as { error?: string };
  assert.match(wrong.error!, /the environment is now staging, not production: nothing was done/);
  const noComment = await conn.sendRequest('runbook/silenceAlert', { env: 'staging', alert: 'TreasuryStuck', durationMs: 3600_000, comment: ' ' }) as { error?: string };
  assert.match(noComment.error!, /needs a comment/);
  const made = await conn.sendRequest('runbook/silenceAlert', { env: 'staging', alert: 'TreasuryStuck', durationMs: 3600_000, comment: 'deploying the fix' }) as { id?: string; error?: string };
  assert.ok(made.id, made.error);
  const real = await (await fetch(`${am.url}/api/v2/silence/${made.id}`)).json() as { matchers: unknown[]; comment: string; status: { state: string } };
  assert.deepEqual(real.matchers, [{ name: 'alertname', value: 'TreasuryStuck', isRegex: false, isEqual: true }]);
  assert.equal(real.comment, 'deploying the fix');
  assert.equal(real.status.state, 'active');
  const l = await lensUntil(/silenced until/);
  const silenced = l.find((x) => x.command.title.startsWith('🔕'))!;
  assert.match(silenced.command.title, /^🔕 silenced until \d\d:\d\d by .+ · Expire…$/);
  assert.equal(silenced.command.command, 'runbook.expireSilence');
  const gone = await conn.sendRequest('runbook/expireSilence', { env: 'staging', ids: [made.id] }) as { error?: string };
  assert.equal(gone.error, undefined);
  assert.equal(((await (await fetch(`${am.url}/api/v2/silence/${made.id}`)).json()) as { status: { state: string } }).status.state, 'expired');
  assert.ok((await lensUntil(/^Silence…$/)).some((x) => x.command.title === 'Silence…'));
});

test('an untrusted workspace gets the state but no Silence…; an environment without Alertmanager neither', { skip }, async () => {
  await conn.sendNotification('runbook/state', { trusted: false });
  let l = await lensUntil(/firing in staging/);
  assert.ok(l.some((x) => x.command.title.startsWith('🔔 TreasuryStuck')));
  assert.ok(!l.some((x) => /Silence|🔕/.test(x.command.title)));
  const refused = await conn.sendRequest('runbook/silenceAlert', { env: 'staging', alert: 'TreasuryStuck', durationMs: 3600_000, comment: 'x' }) as { error?: string };
  assert.match(refused.error!, /not trusted: nothing is silenced/);
  await conn.sendNotification('runbook/state', { trusted: true, env: { name: 'bare', protected: false } });
  l = await lensUntil(/firing in bare/);
  assert.ok(l.some((x) => /firing in bare/.test(x.command.title)));
  assert.ok(!l.some((x) => /Silence|🔕/.test(x.command.title)));
});

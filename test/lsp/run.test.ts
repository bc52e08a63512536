// Run lenses and run plans over real LSP: the lens names the environment, an untrusted workspace
// gets no Run lens, the plan carries placeholders and dangerous findings, and results show up.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type LspSession } from '../tools/lspClient';

type Lens = { range: { start: { line: number } }; command?: { title: string; command: string; arguments?: unknown[] } };

const RUNBOOK = [
  '# Payments backlog',                          // 0
  '',
  '## Diagnose',                                 // 2
  '',
  '```bash',                                     // 4
  'kubectl -n payments logs <pod> --since=YYYY-MM-DD',
  '```',
  '',
  'Expected output:',                            // 8
  '',
  '```text',                                     // 10
  'ok 12',
  '```',
  '',
  '```promql',                                   // 14
  'sum(rate(payments_failed_total[5m]))',
  '```',
  '',
  '## Mitigate',                                 // 18
  '',
  '```bash',                                     // 20
  'kubectl -n payments delete pod "$POD_NAME"',
  'rm -rf "$CACHE_DIR"/*',
  '```',
  '',
  '```yaml',                                     // 25
  'a: 1',
  '```',
  '',
].join('\n');

let s: LspSession;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

async function lenses(uri: string): Promise<Lens[]> {
  return await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Lens[];
}
async function openDoc(uri: string, text = RUNBOOK): Promise<void> {
  const wait = s.diagnostics(uri);
  s.open(uri, text);
  await wait;
}
async function state(p: unknown): Promise<void> {
  await s.conn.sendNotification('runbook/state', p);
  // Notifications are handled in order: a request sent after it sees the new state.
}

test('untrusted (the default until the editor says otherwise): no Run lens at all', async () => {
  const uri = 'file:///tmp/run-untrusted.md';
  await openDoc(uri);
  assert.deepEqual(await lenses(uri), []);
  await state({ trusted: false, env: { name: 'staging', protected: false } });
  assert.deepEqual(await lenses(uri), []);
});

test('trusted: each runnable block gets its own numbered Run; Run all, Pick environment and Run section sit on headings', async () => {
  const uri = 'file:///tmp/run-lenses.md';
  await openDoc(uri);
  await state({ trusted: true, env: { name: 'staging', protected: false } });
  const all = await lenses(uri);
  const at = (line: number) => all.filter(l => l.range.start.line === line).map(l => l.command!.title);
  assert.deepEqual([...new Set(all.map(l => l.range.start.line))], [0, 2, 4, 14, 20], 'headings and bash, promql, bash; not the expected output nor the yaml block');
  assert.deepEqual(at(0), ['Run all (3 steps) on staging', 'Pick environment']);
  assert.deepEqual(at(2), ['Run section (2 steps)'], 'Diagnose holds two steps; Mitigate only one, which is its Run');
  assert.deepEqual([at(4), at(14), at(20)], [['▶ Run step 1 on staging'], ['▶ Run step 2 on staging', '$(graph-line) Chart'], ['▶ Run step 3 on staging']], 'the PromQL step also has its Chart');
  assert.deepEqual(all.find(l => l.command!.command === 'runbook.showChart')!.command!.arguments, [{ uri, index: 2, step: 2 }]);
  const run = all.find(l => l.range.start.line === 20 && l.command!.command === 'runbook.runBlock')!;
  assert.deepEqual(run.command!.arguments, [{ uri, index: 3 }]);
  const section = all.find(l => l.command!.command === 'runbook.runSection')!;
  assert.deepEqual(section.command!.arguments, [{ uri, heading: 2 }]);
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'section', heading: 2 }) as { steps: { index: number; step: number }[] };
  assert.deepEqual(plan.steps.map(x => [x.index, x.step]), [[0, 1], [2, 2]]);

  await state({ env: { name: 'production', protected: true } });
  const prod = (await lenses(uri)).filter(l => l.command!.command === 'runbook.runBlock').map(l => l.command!.title);
  assert.deepEqual(prod, ['▶ Run step 1 on production ⚠', '▶ Run step 2 on production ⚠', '▶ Run step 3 on production ⚠']);

  await state({ trusted: false });
  assert.deepEqual(await lenses(uri), [], 'trust revoked: the lenses go');
});

test('a PowerShell block gets no Run lens and is no step: runs would refuse it', async () => {
  const uri = 'file:///tmp/run-powershell.md';
  await openDoc(uri, ['# P', '', '```powershell', 'Get-Process', '```', '', '```bash', 'echo hi', '```', ''].join('\n'));
  await state({ trusted: true, env: { name: 'staging', protected: false } });
  assert.deepEqual([...new Set((await lenses(uri)).filter(l => l.command!.command === 'runbook.runBlock').map(l => l.range.start.line))], [6]);
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'all' }) as { steps: { index: number }[] };
  assert.deepEqual(plan.steps.map(x => x.index), [1]);
  await state({ trusted: false });
});

test('runPlan gives the block with its placeholders, dangers and expected output', async () => {
  const uri = 'file:///tmp/run-plan.md';
  await openDoc(uri);
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'block', index: 0 }) as { steps: any[] };
  assert.equal(plan.steps.length, 1);
  const [st] = plan.steps;
  assert.equal(st.body, 'kubectl -n payments logs <pod> --since=YYYY-MM-DD');
  assert.deepEqual(st.sectionPath, ['Payments backlog', 'Diagnose']);
  assert.deepEqual(st.placeholders.map((p: any) => [p.name, p.texts]), [['pod', ['<pod>']], ['YYYY-MM-DD', ['YYYY-MM-DD']]]);
  assert.equal(st.expectedOutput, 'ok 12');
  assert.deepEqual(st.dangers, []);

  const mitigate = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'block', index: 3 }) as { steps: any[] };
  const m = mitigate.steps[0];
  assert.ok(m.dangers.length >= 1, 'rm -rf is a dangerous finding');
  assert.ok(m.dangers.some((d: any) => d.line === 22), `danger on the rm line: ${JSON.stringify(m.dangers)}`);
  assert.deepEqual(m.variables, ['POD_NAME', 'CACHE_DIR'], 'an unset $VAR is asked for');
});

test('runPlan scopes: section runs that heading\'s steps in order, all runs every step', async () => {
  const uri = 'file:///tmp/run-plan.md';
  const section = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'section', index: 0 }) as { steps: { index: number }[] };
  assert.deepEqual(section.steps.map(x => x.index), [0, 2]);
  const all = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'all' }) as { steps: { index: number }[] };
  assert.deepEqual(all.steps.map(x => x.index), [0, 2, 3]);
  const bad = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'block', index: 1 }) as { error?: string };
  assert.match(bad.error ?? '', /is not a runnable step/, 'the expected-output block is not a step');
});

test('an environment that defines a variable stops it being asked for', async () => {
  const uri = 'file:///tmp/run-plan.md';
  await state({ env: { name: 'staging', protected: false, variables: ['POD_NAME', 'CACHE_DIR'] } });
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'block', index: 3 }) as { steps: { variables: string[] }[] };
  assert.deepEqual(plan.steps[0].variables, []);
  await state({ env: { name: 'staging', protected: false, variables: [] } });
});

test('the last result shows in the lens, and follows its block when text above moves it', async () => {
  const uri = 'file:///tmp/run-result.md';
  await openDoc(uri);
  await state({ trusted: true, env: { name: 'staging', protected: false } });
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'all' }) as { steps: { index: number; bodyHash: string }[] };
  const [a, b] = plan.steps;
  await state({ results: [{ uri, items: [
    { index: a.index, bodyHash: a.bodyHash, env: 'staging', status: 'ok', exitCode: 0, durationMs: 800, expectedMatched: true },
    { index: b.index, bodyHash: b.bodyHash, env: 'local', status: 'failed', exitCode: 2, durationMs: 120 },
  ] }] });
  const titles = (ls: Lens[], line: number) => ls.filter(l => l.range.start.line === line).map(l => l.command!.title);
  let ls = await lenses(uri);
  assert.ok(titles(ls, 4).includes('✓ 0.8s · output as expected'), JSON.stringify(titles(ls, 4)));
  assert.ok(titles(ls, 14).includes('✗ exit 2 (on local)'), JSON.stringify(titles(ls, 14)));
  assert.ok(!titles(ls, 20).some(t => /[✓✗]/.test(t)), 'a block that never ran has no result');
  await state({ results: [{ uri, items: [{ index: b.index, bodyHash: b.bodyHash, env: 'staging', status: 'failed', exitCode: 0, durationMs: 40, failure: { line: 2, exitCode: 127 } }] }] });
  assert.ok(titles(await lenses(uri), 14).includes('⚠ line 2 failed (exit 127)'), 'a step that failed in the middle is no ✓');

  s.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'Intro.\n\n' }]);
  ls = await lenses(uri);
  assert.ok(titles(ls, 6).includes('✓ 0.8s · output as expected'), 'moved down two lines with its block');
});

test('a console transcript runs its command lines only, never its output', async () => {
  const uri = 'file:///tmp/run-transcript.md';
  await openDoc(uri, ['# T', '', '```console', '$ kubectl get pods', 'NAME   READY', 'web-1  1/1', '$ echo done', 'done', '```', ''].join('\n'));
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'block', index: 0 }) as { steps: { command: string; body: string }[] };
  assert.equal(plan.steps[0].command, 'kubectl get pods\necho done');
  assert.match(plan.steps[0].body, /web-1/, 'the body stays as written');
});

test('a transcript after a leading comment, with host prompts and REPL lines, runs only its shell commands', async () => {
  const uri = 'file:///tmp/run-transcript-prompts.md';
  await openDoc(uri, ['# T', '', '```bash', '# On the database host', '[root@db-1 ~]# systemctl restart postgresql', 'ops@db-1:~$ psql -U app', 'app=# DROP TABLE carts_old;', 'DROP TABLE', '```', ''].join('\n'));
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'block', index: 0 }) as { steps: { command: string; dangers: { rule: string }[] }[] };
  assert.equal(plan.steps[0].command, 'systemctl restart postgresql\npsql -U app');
  assert.deepEqual(plan.steps[0].dangers.map((d) => d.rule), ['service-stop', 'sql-drop']);
});

test('a transcript here-document runs with its body, and CRLF text runs as LF', async () => {
  const uri = 'file:///tmp/run-transcript-heredoc.md';
  await openDoc(uri, ['# T', '', '```console', '$ kubectl apply -f - <<EOF', '  kind: Pod', '', 'EOF', 'pod/x created', '```', ''].join('\r\n'));
  const plan = await s.conn.sendRequest('runbook/runPlan', { uri, scope: 'block', index: 0 }) as { steps: { command: string }[] };
  assert.equal(plan.steps[0].command, 'kubectl apply -f - <<EOF\n  kind: Pod\n\nEOF');
});

// Running steps in the real editor, driven through the commands with arguments (a test cannot click
// a modal): the lens names the environment and follows the picker, a run writes a record with the
// placeholder value quoted, protected environments need their name, Run all stops at a failure.
import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';

interface StepSummary { index: number; status: string; exitCode: number; command: string; output: string; record?: string }
interface RunOutcome { status: string; message?: string; steps: StepSummary[]; asked?: string[] }

const FIXTURE = 'run-steps.md';

async function lensTitles(doc: vscode.TextDocument, line?: number): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
  return lenses.filter(l => line === undefined || l.range.start.line === line).map(l => l.command?.title ?? '');
}

function fenceLine(doc: vscode.TextDocument, nth: number): number {
  return doc.getText().split('\n').flatMap((l, i) => l === '```bash' ? [i] : [])[nth];
}

/** Number of fenced blocks (the fixture's blocks are all ``` fences). */
function fenceCount(doc: vscode.TextDocument): number {
  return doc.getText().split('\n').filter(l => l.startsWith('```')).length / 2;
}

/** Index of the block whose opening fence is `fence`. */
function blockIndexOf(doc: vscode.TextDocument, fence: string): number {
  const fences = doc.getText().split('\n').filter(l => l.startsWith('```'));
  return fences.indexOf(fence) / 2;
}

function run(command: string, args: object): Thenable<RunOutcome> {
  return vscode.commands.executeCommand<RunOutcome>(command, args);
}

/** A runbook of the test's own in the workspace (each pass has a fresh copy): its uri. */
function writeRunbook(name: string, ...blocks: string[]): string {
  const uri = fixtureUri(name);
  writeFileSync(uri.fsPath, `# ${name}\n\n${blocks.map(b => `\`\`\`bash\n${b}\n\`\`\`\n`).join('\n')}`);
  return uri.toString();
}

suite('Running steps', () => {
  teardown(async () => {
    // Later suites expect the start-up environment.
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'local' });
    await closeAllEditors();
  });

  test('the lens names the environment (local at start-up, though the file default is protected), and follows the picker', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const first = fenceLine(document, 0);
    // Once `production` is known (a wrong confirmation cancels instead of "no such environment"),
    // the file has been read and start-up has chosen: `local`, not the protected default.
    await waitFor('the environments file to be read', async () =>
      (await run('runbook.runBlock', { uri: document.uri.toString(), index: 2, env: 'production', confirm: 'no' })).status === 'cancelled');
    await waitFor('a lens naming local', async () => (await lensTitles(document, first)).includes('▶ Run step 1 on local'));
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'staging' });
    await waitFor('the lens to name staging', async () => (await lensTitles(document, first)).includes('▶ Run step 1 on staging'),
      { describe: () => 'still another environment' });
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'production' });
    const titles = await waitFor('the lens to name production', async () => {
      const t = await lensTitles(document, first);
      return t.some(x => x.startsWith('▶ Run step 1 on production')) ? t : undefined;
    });
    assert.deepEqual(titles.filter(t => !t.startsWith('▶')), [], 'a block has only its own Run (and its last result)');
    const all = await lensTitles(document);
    assert.ok(all.some(t => /^Run all \(\d+ steps\) on production ⚠$/.test(t)) && all.includes('Pick environment'), all.join(' | '));
  });

  test('running a bash block writes a run record; the placeholder value is quoted, never executed', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const value = `it's $(echo INJECTED) "quoted"`;
    const out = await run('runbook.runBlock', { uri: document.uri.toString(), index: 0, values: { name: value }, confirm: 'local' });
    assert.equal(out.status, 'ok', out.message);
    const [step] = out.steps;
    assert.equal(step.exitCode, 0);
    assert.match(step.output, /hello it's \$\(echo INJECTED\) "quoted"/, 'printed literally');
    assert.ok(step.record, 'a record file was written');
    const lines = readFileSync(step.record, 'utf8').trim().split('\n');
    const rec = JSON.parse(lines[lines.length - 1]);
    assert.equal(rec.runbook, FIXTURE);
    assert.equal(rec.environment, 'local');
    assert.equal(rec.block, 0);
    assert.deepEqual(rec.section, ['Run steps', 'Greet']);
    assert.equal(rec.exitCode, 0);
    assert.equal(rec.command, step.command);
    assert.ok(!rec.output.includes('\nINJECTED'), 'the $(…) in the value did not run');
    // The last result shows on the block's lens.
    const line = fenceLine(document, 0);
    await waitFor('a ✓ result lens', async () => (await lensTitles(document, line)).some(t => t.startsWith('✓ ')));
  });

  test('an environment\'s variables reach the session, and the run is recorded under its name', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const out = await run('runbook.runBlock', { uri: document.uri.toString(), index: 1, env: 'staging' });
    assert.equal(out.status, 'ok', out.message);
    assert.match(out.steps[0].output, /greeting=hello-from-staging/);
  });

  test('a protected environment runs only when its name is given; a wrong answer runs nothing', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const uri = document.uri.toString();
    const refused = await run('runbook.runBlock', { uri, index: 1, env: 'production', confirm: 'staging' });
    assert.equal(refused.status, 'cancelled');
    assert.deepEqual(refused.steps, [], 'nothing ran');
    const ok = await run('runbook.runBlock', { uri, index: 1, env: 'production', confirm: 'production' });
    assert.equal(ok.status, 'ok', ok.message);
    assert.match(ok.steps[0].output, /greeting=hello-from-production/);
  });

  test('on a protected environment the confirmation comes before any secret is asked', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    // A wrong confirmation ends the run at once; asking VAULT_TOKEN first would leave an input box open.
    const out = await Promise.race([
      run('runbook.runBlock', { uri: document.uri.toString(), index: 0, env: 'vault', confirm: 'nope' }),
      new Promise<'asked'>(resolve => setTimeout(() => resolve('asked'), 5000)),
    ]);
    if (out === 'asked') await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.notEqual(out, 'asked', 'the secret was asked before the confirmation');
    assert.equal((out as RunOutcome).status, 'cancelled');
  });

  test('Run section and Run all stop at the first failing step and report its exit code', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const uri = document.uri.toString();
    const section = await run('runbook.runSection', { uri, index: 2, confirm: 'local' });
    assert.equal(section.status, 'failed');
    assert.deepEqual(section.steps.map(s => [s.index, s.exitCode]), [[2, 0], [3, 2]], 'echo one ran, (exit 2) failed, echo three never ran');
    const all = await run('runbook.runAll', { uri, values: { name: 'all', GREETING: 'hi' }, confirm: 'local' });
    assert.equal(all.status, 'failed');
    assert.deepEqual(all.steps.map(s => [s.index, s.exitCode]), [[0, 0], [1, 0], [2, 0], [3, 2]]);
    assert.deepEqual(all.asked, ['review', 'review'], 'the two steps with filled-in values showed their final command');
    const line = fenceLine(document, 3);
    // The failing command is named by its line in the block.
    await waitFor('a ✗ exit 2 lens', async () => (await lensTitles(document, line)).includes('✗ line 1 failed (exit 2)'));
  });

  test('output goes to a terminal per session, and cancel stops a long step', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const uri = document.uri.toString();
    const pending = run('runbook.runBlock', { uri, index: 5 });
    // cancelRun answers how many runs it stopped: 0 until the step has started.
    await waitFor('the slow step to start', async () => (await vscode.commands.executeCommand<number>('runbook.cancelRun', { uri })) > 0);
    const out = await pending;
    assert.equal(out.status, 'cancelled', out.message);
    assert.equal(out.steps[0].status, 'cancelled');
    assert.ok(vscode.window.terminals.some(t => t.name === `${FIXTURE.replace(/\.md$/, '')} · local`), vscode.window.terminals.map(t => t.name).join(', '));
  });

  test('the per-block timeout setting stops a step that runs too long', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const config = vscode.workspace.getConfiguration('runbook');
    await config.update('run.timeoutSeconds', 1, vscode.ConfigurationTarget.Workspace);
    try {
      const out = await run('runbook.runBlock', { uri: document.uri.toString(), index: 5 });
      assert.equal(out.status, 'failed');
      assert.equal(out.steps[0].status, 'timeout');
    } finally {
      await config.update('run.timeoutSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Run section on a protected environment asks once for the plan, and again for the dangerous step', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const out = await run('runbook.runSection', { uri: document.uri.toString(), index: 6, env: 'production', confirm: 'production' });
    assert.equal(out.status, 'ok', out.message);
    assert.deepEqual(out.steps.map(s => s.index), [6, 7]);
    assert.deepEqual(out.asked, ['modal', 'type-name'], 'the plan, then typing the name for kill -9');
  });

  test('a dangerous step elsewhere gets the lighter confirmation, which the setting turns off', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const args = { uri: document.uri.toString(), index: 7, confirm: 'local' };
    assert.deepEqual((await run('runbook.runBlock', args)).asked, ['light']);
    const config = vscode.workspace.getConfiguration('runbook');
    await config.update('confirmDangerous', false, vscode.ConfigurationTarget.Workspace);
    try {
      const out = await run('runbook.runBlock', args);
      assert.equal(out.status, 'ok', out.message);
      assert.deepEqual(out.asked, []);
    } finally {
      await config.update('confirmDangerous', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('without a block index the command runs the block under the cursor', async () => {
    const editor = await openFixture(FIXTURE);
    await runbookApi();
    const line = editor.document.getText().split('\n').indexOf('echo one');
    editor.selection = new vscode.Selection(line, 2, line, 2);
    const out = await run('runbook.runBlock', { confirm: 'local' });
    assert.equal(out.status, 'ok', out.message);
    assert.deepEqual(out.steps.map(s => s.index), [2]);
  });

  test('the shell session keeps state between runs until it is reset', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const args = { uri: document.uri.toString(), index: fenceCount(document) - 1, env: 'staging' };
    const first = await run('runbook.runBlock', args);
    const second = await run('runbook.runBlock', args);
    const count = (o: RunOutcome) => /count=(\d+)/.exec(o.steps[0]?.output ?? '')?.[1];
    assert.equal(Number(count(second)), Number(count(first)) + 1, 'the variable carried over');
    await vscode.commands.executeCommand('runbook.resetSession', { uri: args.uri, env: 'staging' });
    assert.equal(count(await run('runbook.runBlock', args)), '1', 'a fresh session after the reset');
  });

  test('cancel matches the runbook and the environment exactly', async () => {
    const uri = writeRunbook('cancel-exact.md', 'echo started; sleep 30');
    await runbookApi();
    const pending = run('runbook.runBlock', { uri, index: 0, env: 'production', confirm: 'production' });
    // The session's terminal opens when the engine starts the step (this runbook's is new).
    await waitFor('the step to start', () => vscode.window.terminals.some(t => t.name === 'cancel-exact · production'));
    const cancel = (args: object) => vscode.commands.executeCommand<number>('runbook.cancelRun', args);
    assert.equal(await cancel({ uri, env: 'prod' }), 0, '"prod" is not "production"');
    assert.equal(await cancel({ env: 'staging' }), 0, 'another environment, whatever the runbook');
    assert.equal(await cancel({ uri: fixtureUri(FIXTURE).toString() }), 0, 'another runbook');
    assert.equal(await cancel({ uri, env: 'production' }), 1);
    assert.equal((await pending).status, 'cancelled');
  });

  test('a secret-named placeholder value is masked in the output, the command and the record', async () => {
    const uri = writeRunbook('secret-placeholder.md', 'echo "auth=<api_token> pod=<pod>"');
    await runbookApi();
    const value = 'tok-E2e-S3cret-4821';
    const out = await run('runbook.runBlock', { uri, index: 0, values: { api_token: value, pod: 'api-1' }, confirm: 'local' });
    assert.equal(out.status, 'ok', out.message);
    assert.equal(out.steps[0].output, 'auth=*** pod=api-1\n');
    assert.equal(out.steps[0].command, 'echo "auth=*** pod=api-1"');
    assert.ok(out.steps[0].record && !readFileSync(out.steps[0].record, 'utf8').includes(value), 'not in the record');
  });

  test('sessions get none of the editor\'s Electron and VS Code variables', async () => {
    assert.ok(Object.keys(process.env).some(k => /^(VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(k)), 'the extension host has such variables');
    const uri = writeRunbook('session-env.md', 'echo "editor=$(env | grep -cE \'^(VSCODE_[A-Za-z0-9_]*|ELECTRON_RUN_AS_NODE)=\') home=${HOME:+set}"');
    await runbookApi();
    const out = await run('runbook.runBlock', { uri, index: 0 });
    assert.equal(out.status, 'ok', out.message);
    assert.equal(out.steps[0].output, 'editor=0 home=set\n');
  });

  test('a $VAR of the kept set is neither flagged nor asked for; an editor-only one is both, and never leaks', async () => {
    process.env.RB_E2E_INHERITED = 'from-the-editor';
    const uri = writeRunbook('variables.md', 'echo "home=${HOME:+set} inherited=$RB_E2E_INHERITED unknown=$RB_E2E_UNKNOWN"');
    // Picking an environment re-sends the variable names the server analyses with.
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'staging' });
    const { document } = await openFixture('variables.md');
    await runbookApi();
    const flagged = () => vscode.languages.getDiagnostics(document.uri).filter(d => /is not set by an earlier block/.test(d.message)).map(d => d.message);
    await waitFor('the two editor-only variables flagged', () => { const f = flagged(); return f.length === 2 && f.some(m => /RB_E2E_UNKNOWN/.test(m)) && f.some(m => /RB_E2E_INHERITED/.test(m)); },
      { describe: () => JSON.stringify(flagged()) });
    const out = await run('runbook.runBlock', { uri, index: 0, values: { RB_E2E_UNKNOWN: 'typed', RB_E2E_INHERITED: 'asked' }, confirm: 'staging' });
    assert.equal(out.status, 'ok', out.message);
    assert.equal(out.steps[0].output, 'home=set inherited=asked unknown=typed\n');
    delete process.env.RB_E2E_INHERITED;
  });

  test('a step queries its environment\'s Prometheus, not the one the editor was started with', async () => {
    const before = process.env.PROMETHEUS_URL;
    process.env.PROMETHEUS_URL = 'http://127.0.0.1:41234';
    try {
      const uri = writeRunbook('prom-url.md', 'echo "runbook=${RUNBOOK_PROMETHEUS_URL:-none} prometheus=${PROMETHEUS_URL:-none}"');
      await runbookApi();
      // This workspace's staging has no Prometheus: the editor's must not stand in for it.
      const staging = await run('runbook.runBlock', { uri, index: 0, env: 'staging' });
      assert.equal(staging.status, 'ok', staging.message);
      assert.equal(staging.steps[0].output, 'runbook=none prometheus=none\n');
      // `local` is the user's own machine: there the editor's PROMETHEUS_URL is the user's choice.
      const local = await run('runbook.runBlock', { uri, index: 0, env: 'local' });
      assert.equal(local.steps[0].output, 'runbook=http://127.0.0.1:41234 prometheus=http://127.0.0.1:41234\n');
    } finally { if (before === undefined) delete process.env.PROMETHEUS_URL; else process.env.PROMETHEUS_URL = before; }
  });

  test('a session outlives a language change of its runbook and ends with its last tab', async () => {
    const uri = writeRunbook('session-life.md', 'RB_N=$(( ${RB_N:-0} + 1 )); echo "n=$RB_N"');
    const editor = await openFixture('session-life.md');
    await runbookApi();
    const n = async () => /n=(\d+)/.exec((await run('runbook.runBlock', { uri, index: 0 })).steps[0]?.output ?? '')?.[1];
    assert.equal(await n(), '1');
    // VS Code closes and reopens the document for this (onDidCloseTextDocument), the tab stays.
    const plain = await vscode.languages.setTextDocumentLanguage(editor.document, 'plaintext');
    const doc = await vscode.languages.setTextDocumentLanguage(plain, 'markdown');
    await waitFor('the runbook back with the server', async () => (await lensTitles(doc)).length > 0);
    assert.equal(await n(), '2', 'the session survived');
    await closeAllEditors();
    await waitFor('the tab to close', () => !vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri)));
    assert.equal(await n(), '1', 'closing the last tab ended the session');
  });

  test('run history opens a record', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    await run('runbook.runBlock', { uri: document.uri.toString(), index: 2 });
    const shown = await vscode.commands.executeCommand<{ records: number; opened?: string }>('runbook.showRunHistory', { uri: document.uri.toString(), index: 2, open: 0 });
    assert.ok(shown.records >= 1 && shown.opened, JSON.stringify(shown));
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /Step:\s+3/);
    assert.match(text, /echo one/);
  });
});

suite('Running PromQL steps', () => {
  let prom: RunningPrometheus | undefined;
  suiteSetup(async function () {
    if (!prometheusAvailable()) this.skip();
    prom = await startPrometheus({ backfill: false });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'local' });
    await prom?.stop();
  });
  teardown(closeAllEditors);

  test('a promql block runs as an instant query on the environment\'s Prometheus and prints a table', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    // A new environment pointing at this test's Prometheus; the editor picks the file change up.
    appendFileSync(fixtureUri('.runbook/environments.yaml').fsPath, `  metrics:\n    prometheus: ${prom!.url}\n`);
    await waitFor('the metrics environment', async () =>
      (await vscode.commands.executeCommand<string | undefined>('runbook.pickEnvironment', { name: 'metrics' })) === 'metrics');
    const index = blockIndexOf(document, '```promql');
    const out = await run('runbook.runBlock', { uri: document.uri.toString(), index });
    assert.equal(out.status, 'ok', out.message);
    const [header, rule, ...rows] = out.steps[0].output.trimEnd().split('\n');
    assert.match(header, /^metric\s+.*\binstance\b.*\bjob\b.*\bvalue$/);
    assert.match(rule, /^-+/);
    assert.ok(rows.some(r => /^up\s.*\s1$/.test(r)), rows.join('\n'));
  });
});

suite('Environments file', () => {
  teardown(closeAllEditors);

  test('.runbook/environments.yaml gets diagnostics while it is edited', async () => {
    await runbookApi();
    const doc = await vscode.workspace.openTextDocument(fixtureUri('.runbook/environments.yaml'));
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').indexOf('  staging:');
    assert.ok(line > 0, 'fixture has a staging environment');
    assert.ok(await editor.edit(b => b.insert(new vscode.Position(line + 1, 0), '    colour: blue\n')), 'edit applied');
    const found = await waitFor('an unknown-key diagnostic', () =>
      vscode.languages.getDiagnostics(doc.uri).find(d => /Unknown key `colour`/.test(d.message)),
    { describe: () => JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map(d => d.message)) });
    assert.equal(found.range.start.line, line + 1);
  });
});

suite('Running steps [untrusted]', () => {
  teardown(closeAllEditors);

  test('the run command refuses in an untrusted workspace and writes no record', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const out = await run('runbook.runBlock', { uri: document.uri.toString(), index: 2, confirm: 'local' });
    assert.equal(out.status, 'refused');
    assert.match(out.message ?? '', /not trusted/);
    assert.deepEqual(out.steps, []);
    // Each pass has a fresh copy of the workspace, so any record would be this test's.
    assert.equal(existsSync(fixtureUri('.runbook/runs').fsPath), false, 'no run record folder');
  });
});

suite('Running steps from the installed package [vsix]', () => {
  teardown(closeAllEditors);

  test('the packaged engine runs a block, streams it and writes its record', async () => {
    const { document } = await openFixture(FIXTURE);
    await runbookApi();
    const line = fenceLine(document, 2);
    await waitFor('the Run lens', async () => (await lensTitles(document, line)).includes('▶ Run step 3 on local'));
    const out = await run('runbook.runBlock', { uri: document.uri.toString(), index: 2 });
    assert.equal(out.status, 'ok', out.message);
    assert.match(out.steps[0].output, /^one$/m);
    assert.ok(out.steps[0].record && existsSync(out.steps[0].record), 'record written');
  });
});

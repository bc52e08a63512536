// The live runbook in the real editor, against a real Prometheus: the Check symptoms lens puts
// each symptom's result at the end of its line as an inlay hint, and verification steps pass or
// fail like steps (Run section stops at the one that fails; its result names the last value).
import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';

interface StepSummary { index: number; status: string; output: string; verification?: { holds: boolean; condition?: string; lastValue?: string } }
interface RunOutcome { status: string; message?: string; steps: StepSummary[] }

const FIXTURE = 'live-runbook.md';

suite('Live runbook: symptoms and verification', () => {
  let prom: RunningPrometheus | undefined;
  suiteSetup(async function () {
    if (!prometheusAvailable()) this.skip();
    prom = await startPrometheus({ backfill: false });
    appendFileSync(fixtureUri('.runbook/environments.yaml').fsPath, `  symptomatic:\n    prometheus: ${prom.url}\n`);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'local' });
    await prom?.stop();
  });
  teardown(closeAllEditors);

  test('Check symptoms: the lens above the list, then ● present / ○ absent at the end of each symptom line', async () => {
    const editor = await openFixture(FIXTURE);
    await runbookApi();
    await waitFor('the symptomatic environment', async () =>
      (await vscode.commands.executeCommand<string | undefined>('runbook.pickEnvironment', { name: 'symptomatic' })) === 'symptomatic');
    const doc = editor.document;
    const lens = await waitFor('a Check symptoms lens', async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).find(l => l.command?.title.startsWith('Check symptoms on symptomatic')));
    assert.equal(lens.range.start.line, 4, 'above the first item');
    assert.equal(lens.command!.title, 'Check symptoms on symptomatic (2 symptoms)');
    const answer = await vscode.commands.executeCommand<{ env: string; symptoms: { state: string }[] }>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.deepEqual(answer.symptoms.map(s => s.state), ['present', 'absent']);
    // The round is a run record, in the shape the incident report reads (run/recordKinds.ts).
    const records = fixtureUri(`.runbook/runs/${new Date().toISOString().slice(0, 10)}.jsonl`).fsPath;
    const rec = await waitFor('the symptom-check record', async () => (existsSync(records) ? readFileSync(records, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l) as { event?: string; environment: string; runbook?: string; symptoms?: { line: number; result: string }[] }).find(r => r.event === 'symptom-check') : undefined));
    assert.equal(rec.environment, 'symptomatic');
    assert.equal(rec.runbook, FIXTURE);
    assert.deepEqual(rec.symptoms!.map(s => [s.line, s.result]), [[5, 'present'], [6, 'absent']]);
    const hints = await waitFor('two inlay hints', async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
      return h && h.length === 2 ? h : undefined;
    });
    const label = (h: vscode.InlayHint) => typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('');
    assert.deepEqual(hints.map(h => [h.position.line, h.position.character]), [[4, doc.lineAt(4).text.length], [5, doc.lineAt(5).text.length]]);
    assert.match(label(hints[0]), /^● present \([\d,.]+K?\)$/);
    assert.equal(label(hints[1]), '○ absent');
  });

  test('a verification that holds passes; one whose timeout passes fails, and Run section stops there', async () => {
    const editor = await openFixture(FIXTURE);
    await runbookApi();
    const uri = editor.document.uri.toString();
    const pass = await vscode.commands.executeCommand<RunOutcome>('runbook.runBlock', { uri, index: 0, env: 'symptomatic' });
    assert.equal(pass.status, 'ok', pass.message);
    assert.equal(pass.steps[0].verification?.holds, true);
    assert.match(pass.steps[0].output, /✓ verification holds/);
    const heading = editor.document.getText().split('\n').indexOf('## Fix');
    const section = await vscode.commands.executeCommand<RunOutcome>('runbook.runSection', { uri, heading, env: 'symptomatic' });
    assert.equal(section.status, 'failed');
    assert.deepEqual(section.steps.map(s => s.status), ['ok', 'failed'], 'the bash step after the failed verification never ran');
    assert.equal(section.steps[1].verification?.condition, 'accumen_mempool_size > 1e12');
    assert.match(section.steps[1].verification?.lastValue ?? '', /^[\d,.]+K?, needs > 1e12$/);
    assert.match(section.message ?? '', /Stopped at step 2 .*verification failed after [\d.]+s: accumen_mempool_size > 1e12 is [\d,.]+K?, needs > 1e12 on "symptomatic"/);
  });
});

// Alerts in the real editor, against a real Prometheus evaluating a real rule and a real
// Alertmanager: the firing lens on the heading titled after the alert, then Silence… (answered
// the way scripted use answers it: duration, comment, and the environment's name as confirmation),
// the silence on the lens, and Expire….
import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, runbookApi } from '../support/runbook';
import { waitFor } from '../support/waitFor';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { alertmanagerAvailable, startAlertmanager, type RunningAlertmanager } from '../../support/alertmanager';

const RULES = 'groups:\n- name: e2e\n  rules:\n  - alert: TreasuryStuck\n    expr: treasury_executor_stuck > 0\n    for: 1s\n';

suite('Alerts: firing state and silences', () => {
  let prom: RunningPrometheus | undefined;
  let am: RunningAlertmanager | undefined;
  suiteSetup(async function () {
    if (!prometheusAvailable() || !alertmanagerAvailable()) this.skip();
    am = await startAlertmanager();
    prom = await startPrometheus({ backfill: false, ruleFiles: { 'e2e.yml': RULES }, alertmanagers: [am.target] });
    prom.exporter!.setGauge('treasury_executor_stuck', 1);
    appendFileSync(fixtureUri('.runbook/environments.yaml').fsPath, `  alerting:\n    prometheus: ${prom.url}\n    alertmanager: ${am.url}\n`);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('runbook.pickEnvironment', { name: 'local' });
    await prom?.stop();
    await am?.stop();
  });
  teardown(closeAllEditors);

  test('a firing lens on the heading; Silence… creates a real silence, shown on the lens, and Expire… ends it', async () => {
    const editor = await openFixture('alerting.md');
    await runbookApi();
    await waitFor('the alerting environment', async () =>
      (await vscode.commands.executeCommand<string | undefined>('runbook.pickEnvironment', { name: 'alerting' })) === 'alerting');
    const lenses = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
    const bell = await waitFor('a firing lens', async () => (await lenses()).find(l => /^🔔 TreasuryStuck · firing in alerting: 1 instance, since \d+s$/.test(l.command?.title ?? '')), { limitMs: 40_000 });
    assert.equal(bell.range.start.line, 2);
    const silence = await waitFor('Silence…', async () => (await lenses()).find(l => l.command?.title === 'Silence…'));
    const [args] = silence.command!.arguments as [Record<string, unknown>];
    const refused = await vscode.commands.executeCommand<{ id?: string } | undefined>(silence.command!.command, { ...args, duration: '1h', comment: 'e2e', confirm: 'production' });
    assert.equal(refused, undefined, 'a confirmation naming another environment silences nothing');
    const made = await vscode.commands.executeCommand<{ id?: string; error?: string }>(silence.command!.command, { ...args, duration: '1h', comment: 'deploying the fix', confirm: 'alerting' });
    assert.ok(made?.id, made?.error);
    const real = await (await fetch(`${am!.url}/api/v2/silence/${made.id}`)).json() as { comment: string; status: { state: string } };
    assert.deepEqual([real.comment, real.status.state], ['deploying the fix', 'active']);
    const silenced = await waitFor('the silence on the lens', async () => (await lenses()).find(l => /^🔕 silenced until \d\d:\d\d by .+ · Expire…$/.test(l.command?.title ?? '')));
    const [expireArgs] = silenced.command!.arguments as [Record<string, unknown>];
    const gone = await vscode.commands.executeCommand<{ error?: string }>(silenced.command!.command, { ...expireArgs, confirm: 'alerting' });
    assert.equal(gone?.error, undefined);
    const after = await (await fetch(`${am!.url}/api/v2/silence/${made.id}`)).json() as { status: { state: string } };
    assert.equal(after.status.state, 'expired');
    await waitFor('Silence… again', async () => (await lenses()).find(l => l.command?.title === 'Silence…'));
    // Both are run records in the shape the incident report reads (run/recordKinds.ts).
    const file = fixtureUri(`.runbook/runs/${new Date().toISOString().slice(0, 10)}.jsonl`).fsPath;
    type Rec = { event?: string; action?: string; id?: string; matchers?: string[]; endsAt?: string; comment?: string; runbook?: string; ranBy?: { user: string } };
    const silences = await waitFor('the silence records', async () => {
      const recs = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l) as Rec).filter(r => r.event === 'silence' && r.id === made.id) : [];
      return recs.length === 2 ? recs : undefined;
    });
    assert.deepEqual(silences.map(r => [r.action, r.matchers, r.runbook]), [['created', ['alertname="TreasuryStuck"'], 'alerting.md'], ['expired', ['alertname="TreasuryStuck"'], 'alerting.md']]);
    assert.ok(silences[0]!.endsAt && silences[0]!.ranBy?.user && silences[0]!.comment === 'deploying the fix', JSON.stringify(silences[0]));
  });
});

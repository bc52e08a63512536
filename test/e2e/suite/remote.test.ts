// Remote targets in the real editor: steps on a real sshd (test/support/sshd.ts) keep their
// session, and a fleet of two runs a step on both and ends with the summary table.
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixture, runbookApi } from '../support/runbook';
import { sshdUnavailable, startSshd, type RunningSshd } from '../../support/sshd';

interface RunOutcome { status: string; message?: string; steps: { status: string; exitCode: number; output: string }[] }

const run = (args: object) => vscode.commands.executeCommand<RunOutcome>('runbook.runBlock', args);

/** Runs once the environments file with the test's environments has been read. */
async function runWhenKnown(args: object): Promise<RunOutcome> {
  for (let t0 = Date.now(); ; ) {
    const out = await run(args);
    if (!/There is no environment/.test(out.message ?? '') || Date.now() - t0 > 20_000) return out;
    await new Promise(r => setTimeout(r, 200));
  }
}

suite('Remote targets', () => {
  let fleet: RunningSshd[] = [];

  suiteSetup(async function () {
    if (sshdUnavailable()) { this.skip(); return; }
    this.timeout(60_000);
    fleet = await Promise.all([startSshd(), startSshd()]);
    // One key and one known_hosts for both, as a user's own would be.
    writeFileSync(join(fleet[1].dir, 'authorized_keys'), readFileSync(join(fleet[0].dir, 'client_key.pub')));
    const knownHosts = join(fleet[0].dir, 'fleet_known_hosts');
    writeFileSync(knownHosts, fleet.map(s => readFileSync(s.options.UserKnownHostsFile, 'utf8')).join(''));
    const ssh = `user: ${fleet[0].user}, options: { UserKnownHostsFile: "${knownHosts}", IdentityFile: "${fleet[0].options.IdentityFile}" }`;
    appendFileSync(fixtureUri('.runbook/environments.yaml').fsPath, [
      '  remote:', '    variables: { WHERE: over-ssh }', `    target: { ssh: { host: 127.0.0.1, port: ${fleet[0].port}, ${ssh} } }`,
      '  pair:', `    target: { hosts: ["127.0.0.1:${fleet[0].port}", "127.0.0.1:${fleet[1].port}"], ssh: { ${ssh} } }`, '',
    ].join('\n'));
    writeFileSync(fixtureUri('remote-steps.md').fsPath, '# Remote\n\n```bash\nexport N=41; echo "$WHERE as $(id -un)"\n```\n\n```bash\necho "n=$((N + 1)) on ${SSH_CONNECTION##* }"\n```\n');
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    await Promise.all(fleet.map(s => s.stop()));
  });

  test('steps run on the ssh target in one session', async () => {
    const { document } = await openFixture('remote-steps.md');
    await runbookApi();
    const uri = document.uri.toString();
    const first = await runWhenKnown({ uri, index: 0, env: 'remote' });
    assert.equal(first.status, 'ok', `${first.message} ${first.steps[0]?.output}`);
    assert.match(first.steps[0].output, new RegExp(`over-ssh as ${fleet[0].user}`));
    const second = await run({ uri, index: 1, env: 'remote' });
    assert.equal(second.status, 'ok', second.message);
    assert.match(second.steps[0].output, new RegExp(`n=42 on ${fleet[0].port}`));
  });

  test('a step on a fleet runs on every host and ends with the summary table', async () => {
    const { document } = await openFixture('remote-steps.md');
    await runbookApi();
    const out = await runWhenKnown({ uri: document.uri.toString(), index: 1, env: 'pair' });
    assert.equal(out.status, 'ok', `${out.message} ${out.steps[0]?.output}`);
    assert.match(out.steps[0].output, /2 of 2 host\(s\) ok/);
    for (const s of fleet) assert.match(out.steps[0].output, new RegExp(`127\\.0\\.0\\.1:${s.port} +0 `));
  });
});

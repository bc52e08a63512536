// Placeholder choices run in the target: on a real sshd as the remote user, and locally.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { listChoices, choicesWhere } from '../../../server/src/targets/choices';
import { sshdUnavailable, startSshd, type RunningSshd } from '../../support/sshd';
import { scratchDir } from '../run/helpers';

const skip = sshdUnavailable();
let sshd: RunningSshd;
before(async () => { if (!skip) sshd = await startSshd(); });
after(async () => { await sshd?.stop(); });

async function env(target: string, ws = scratchDir()) {
  const parsed = parseEnvironments(`environments:\n  e:\n    variables: { NS: payments }\n    secrets: [TOKEN]\n    ${target}\n    choices:\n      user: id -un\n      ns: printenv NS\n      token: printenv TOKEN\n      file: ls\n`);
  assert.deepEqual(parsed.diagnostics, []);
  return resolveEnvironment(parsed.environments[0], { workspaceFolder: ws, baseEnv: process.env, secrets: { get: async () => 'tok-choices-secret-1' } });
}

test('choices come from the ssh target, run as its user with the environment\'s variables; secrets are masked', { skip }, async () => {
  const e = await env(`target: { ssh: { host: 127.0.0.1, user: ${sshd.user}, port: ${sshd.port}, options: { UserKnownHostsFile: "${sshd.options.UserKnownHostsFile}", IdentityFile: "${sshd.options.IdentityFile}" } } }`);
  assert.match(choicesWhere(e), /^runbook-ssh@127\.0\.0\.1:\d+$/);
  assert.deepEqual(await listChoices(e, e.choices.user), [sshd.user]);
  assert.deepEqual(await listChoices(e, e.choices.ns), ['payments']);
  assert.deepEqual(await listChoices(e, e.choices.token), ['***']);
  await assert.rejects(listChoices(e, 'cat /nonexistent-file'), /failed \(exit 1\): cat: \/nonexistent-file: No such file or directory/);
});

test('local choices run in the environment\'s folder; a command that is not read-only is refused before it runs', async () => {
  const ws = scratchDir();
  writeFileSync(join(ws, 'b.txt'), ''); writeFileSync(join(ws, 'a.txt'), '');
  const e = await env('target: local', ws);
  assert.deepEqual(await listChoices(e, e.choices.file), ['a.txt', 'b.txt']);
  await assert.rejects(listChoices(e, `touch ${join(ws, 'x')}`), /not a command Runbook knows to be read-only/);
});

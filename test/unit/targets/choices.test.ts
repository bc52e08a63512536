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

test('a runbook\'s front matter declares choices under the same read-only rule; the run plan carries them', async () => {
  const { frontMatterChoices } = await import('../../../server/src/targets/frontMatterChoices');
  const { analyzeText } = await import('../../../server/src/analysis/pipeline');
  const { planSteps } = await import('../../../server/src/lsp/features/runPlan');
  const text = '---\ntitle: Pods\nchoices:\n  <pod>: kubectl get pods -o name\n  bad: kubectl delete pods --all\n---\n# Pods\n\n```bash\nkubectl logs <pod>\n```\n';
  const { model, analysis } = await analyzeText(text, { uri: 'file:///r.md' });
  assert.deepEqual(frontMatterChoices(model), { pod: 'kubectl get pods -o name' });
  const plan = planSteps(model, analysis, { uri: 'file:///r.md', scope: 'all' });
  assert.ok(!('error' in plan));
  assert.deepEqual('choices' in plan && plan.choices, { pod: 'kubectl get pods -o name' });
  assert.deepEqual(frontMatterChoices({ frontMatter: { kind: 'yaml', value: 'title: x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } }), {});
});

// The engine and the CLI on an ssh target, against a real sshd: steps run there, and a dropped
// connection is never silently reconnected.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunEngine } from '../../../server/src/run/engine';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { sshdUnavailable, startSshd, type RunningSshd } from '../../support/sshd';
import { scratchDir } from '../run/helpers';

const skip = sshdUnavailable();
const root = join(__dirname, '../../..');
let sshd: RunningSshd;
before(async () => { if (!skip) sshd = await startSshd(); });
after(async () => { await sshd?.stop(); });

const yamlOptions = () => Object.entries(sshd.options).map(([k, v]) => `${k}: "${v}"`).join(', ');

function workspace(envYaml: string, runbook: string): { ws: string; file: string } {
  const ws = scratchDir('runbook-ssh-ws-');
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), envYaml);
  writeFileSync(join(ws, 'remote.md'), runbook);
  return { ws, file: join(ws, 'remote.md') };
}

test('runbook run --env <ssh target> runs the steps there, one session for all of them', { skip }, () => {
  const { ws, file } = workspace([
    'environments:',
    '  box:',
    '    variables: { NS: payments }',
    '    secrets: [TOKEN]',
    `    target: { ssh: { host: 127.0.0.1, user: ${sshd.user}, port: ${sshd.port}, options: { ${yamlOptions()} } } }`,
  ].join('\n'), '# Remote\n\n```bash\nexport STAGE=one; whoami\n```\n\n```bash\necho "$STAGE $NS ${#TOKEN}"; echo "$TOKEN"\n```\n\n```bash\nprintf \'%s\\n\' <service name>\n```\n');
  const cli = (opts: Parameters<typeof spawnSync>[2], extra: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/main.ts'), 'run', file, '--env', 'box', '--all', '--yes', ...extra], { ...opts, encoding: 'utf8' });
  const r = cli({
    cwd: root, encoding: 'utf8', input: '', timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TOKEN: 'tok-remote-secret-42' },
  }, ['--set', `service name=it's "$(echo pwned)" ; x`]);
  assert.equal(r.status, 0, r.stderr);
  // The placeholder is quoted for the remote shell: the value arrives as typed, nothing runs.
  assert.equal(r.stdout, `${sshd.user}\none payments 20\n***\nit's "$(echo pwned)" ; x\n`);
  const recs = readdirSync(join(ws, '.runbook/runs')).flatMap((f) => readFileSync(join(ws, '.runbook/runs', f), 'utf8').trim().split('\n')).map((l) => JSON.parse(l));
  assert.equal(recs.length, 3);
  assert.match(recs[0].host, /^runbook-ssh@127\.0\.0\.1:\d+$/);
  assert.ok(!JSON.stringify(recs).includes('tok-remote-secret-42'));
});

test('after a dropped connection the next run asks before reconnecting, and a no runs nothing', { skip }, async () => {
  const parsed = parseEnvironments(`environments:\n  box:\n    target: { ssh: { host: 127.0.0.1, user: ${sshd.user}, port: ${sshd.port}, options: { ${yamlOptions()} } } }\n`);
  assert.deepEqual(parsed.diagnostics, []);
  const env = await resolveEnvironment(parsed.environments[0], { workspaceFolder: scratchDir(), baseEnv: process.env, secrets: { get: async () => undefined } });
  const asked: string[] = [];
  let answer = false;
  const engine = new RunEngine({ confirmReconnect: async (i) => { asked.push(`${i.host}: ${i.reason}`); return answer; } });
  const step = (command: string) => engine.runStep({ runbook: 'r.md', block: { index: 0, step: 1, lang: 'shell', sectionPath: [] }, command, env });
  try {
    assert.equal((await step('export X=kept')).status, 'ok');
    let seen = '';
    engine.on('output', (e) => { seen += e.text; });
    const p = step('echo "$X"; sleep 30');
    for (let t0 = Date.now(); !seen.includes('kept') && Date.now() - t0 < 20_000;) await new Promise((r) => setTimeout(r, 50));
    sshd.dropConnections();
    const lost = await p;
    assert.equal(lost.connectionLost, true);
    assert.match(lost.sessionEnded!, /lost during the step; the step may have partly run/);
    const refused = await step('touch /tmp/runbook-should-not-run');
    assert.equal(refused.status, 'failed');
    assert.match(refused.output, /Not reconnected to runbook-ssh@127\.0\.0\.1:\d+/);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /may have partly run/);
    answer = true;
    const again = await step('echo "fresh:${X:-unset}"');
    assert.equal(again.status, 'ok', again.output);
    assert.equal(again.output, 'fresh:unset\n');
    assert.equal(asked.length, 2);
  } finally { await engine.dispose(); }
});

test('a connection lost between steps is noticed, and the next run asks before a new session', { skip }, async () => {
  const parsed = parseEnvironments(`environments:\n  box:\n    target: { ssh: { host: 127.0.0.1, user: ${sshd.user}, port: ${sshd.port}, options: { ${yamlOptions()} } } }\n`);
  const env = await resolveEnvironment(parsed.environments[0], { workspaceFolder: scratchDir(), baseEnv: process.env, secrets: { get: async () => undefined } });
  const asked: string[] = [];
  const engine = new RunEngine({ confirmReconnect: async (i) => { asked.push(i.reason); return true; } });
  const step = (command: string) => engine.runStep({ runbook: 'idle.md', block: { index: 0, step: 1, lang: 'shell', sectionPath: [] }, command, env });
  try {
    assert.equal((await step('export X=1')).status, 'ok');
    sshd.dropConnections();
    await new Promise((r) => setTimeout(r, 1500));
    const r = await step('echo "${X:-gone}"');
    assert.equal(r.output, 'gone\n');
    assert.equal(asked.length, 1);
    assert.match(asked[0], /lost while the session was idle/);
  } finally { await engine.dispose(); }
});

// A step on a fleet of three real sshd instances: parallel, per-host output, a summary table,
// one record per host; a failing host stops the rest or not, as set; a failed canary stops all.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunEngine, type StepResult } from '../../../server/src/run/engine';
import { RunRecorder } from '../../../server/src/run/records';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { sshdUnavailable, startSshd, type RunningSshd } from '../../support/sshd';
import { scratchDir } from '../run/helpers';

const skip = sshdUnavailable();
let fleet: RunningSshd[] = [];
before(async () => { if (!skip) fleet = await Promise.all([startSshd(), startSshd(), startSshd()]); });
after(async () => { await Promise.all(fleet.map((s) => s.stop())); });

async function fleetEnv(extra: string) {
  const hosts = fleet.map((s) => `{ host: 127.0.0.1, port: ${s.port}, options: { UserKnownHostsFile: "${s.options.UserKnownHostsFile}", IdentityFile: "${s.options.IdentityFile}" } }`);
  const parsed = parseEnvironments(`environments:\n  fleet:\n    target: { hosts: [${hosts.join(', ')}], ssh: { user: ${fleet[0].user} }, ${extra} }\n`);
  assert.deepEqual(parsed.diagnostics, []);
  return resolveEnvironment(parsed.environments[0], { workspaceFolder: scratchDir(), baseEnv: process.env, secrets: { get: async () => undefined } });
}

/** Fails (exit 3, a line on stderr) on the host whose sshd listens on `port`, succeeds elsewhere. */
const failOn = (port: number) => `sleep 0.3; if [ "\${SSH_CONNECTION##* }" = ${port} ]; then echo "no space left on device" >&2; (exit 3); else echo "fine on \${SSH_CONNECTION##* }"; fi`;

async function run(extra: string, command: string): Promise<{ r: StepResult; out: string; records: Record<string, unknown>[] }> {
  const env = await fleetEnv(extra);
  const dir = scratchDir('runbook-fleet-records-');
  const engine = new RunEngine({ recorder: new RunRecorder(dir) });
  let out = '';
  engine.on('output', (e) => { out += e.text; });
  try {
    const r = await engine.runStep({ runbook: 'fleet.md', block: { index: 0, step: 1, lang: 'shell', sectionPath: [] }, command, env });
    const records = readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n')).map((l) => JSON.parse(l));
    return { r, out, records };
  } finally { await engine.dispose(); }
}

test('continue: every host runs in parallel; output per host, a summary table, one record per host', { skip }, async () => {
  const bad = fleet[1].port;
  const { r, out, records } = await run('onHostFailure: continue', failOn(bad));
  if (process.env.SHOW) console.log(out);
  assert.equal(r.status, 'failed');
  assert.equal(r.exitCode, 3);
  assert.deepEqual(r.hosts!.map((h) => h.outcome.ran && h.outcome.result.exitCode), [0, 3, 0]);
  for (const s of fleet) if (s.port !== bad) assert.match(out, new RegExp(`^\\[runbook-ssh@127\\.0\\.0\\.1:${s.port}\\] fine on ${s.port}$`, 'm'));
  assert.match(out, new RegExp(`^\\[runbook-ssh@127\\.0\\.0\\.1:${bad}\\] no space left on device$`, 'm'));
  assert.match(out, /^host +exit +duration +first stderr line$/m);
  assert.match(out, new RegExp(`^runbook-ssh@127\\.0\\.0\\.1:${bad} +3 +\\S+ +no space left on device$`, 'm'));
  assert.match(out, /2 of 3 host\(s\) ok/);
  assert.deepEqual(records.map((x) => [x.host, x.exitCode]).sort(), fleet.map((s) => [`runbook-ssh@127.0.0.1:${s.port}`, s.port === bad ? 3 : 0]).sort());
  // In parallel: three 0.3 s steps take well under 3 × 0.3 s of step time plus connections.
  const durations = r.hosts!.map((h) => (h.outcome.ran ? h.outcome.result.durationMs : 0));
  assert.ok(r.durationMs < durations.reduce((a, b) => a + b, 0), `fleet ${r.durationMs} ms vs hosts ${durations.join('+')} ms`);
});

test('stop (the default): with one host at a time, the host after a failure is not started', { skip }, async () => {
  const { r, out, records } = await run('concurrency: 1', failOn(fleet[1].port));
  assert.deepEqual(r.hosts!.map((h) => h.outcome.ran), [true, true, false]);
  assert.match(out, new RegExp(`127\\.0\\.0\\.1:${fleet[2].port} +- +- +not run: runbook-ssh@127\\.0\\.0\\.1:${fleet[1].port} failed`));
  assert.equal(records.length, 2);
});

test('a failed canary stops the fleet before any other host runs', { skip }, async () => {
  // Three hosts share a name here, so the canary is named with its port.
  const { r, records } = await run(`canary: "127.0.0.1:${fleet[1].port}", onHostFailure: continue`, failOn(fleet[1].port));
  assert.deepEqual(r.hosts!.map((h) => h.outcome.ran), [false, true, false]);
  assert.equal(records.length, 1);
  assert.equal(r.status, 'failed');
});

test('a protected fleet names its host count in every confirmation', async () => {
  const { decidePlan, decideStep } = await import('../../../server/src/run/guardrails');
  const env = { name: 'production', protected: true, hosts: 24 };
  const plan = decidePlan({ explicit: true, trusted: true, env, steps: [{ blockIndex: 0, step: 2, sectionPath: [], firstLine: 'uptime', dangerous: false }] });
  assert.equal(plan.kind === 'confirm' && plan.title, 'Run step 2 on 24 hosts of protected environment "production"?');
  const step = decideStep({ explicit: true, trusted: true, env, command: 'reboot', substituted: false, dangers: [{ rule: 'reboot', reason: 'reboots the host' }] });
  assert.equal(step.kind === 'confirm' && step.title, 'Run a dangerous command on 24 hosts of protected environment "production"?');
  const single = decideStep({ explicit: true, trusted: true, env: { name: 'production', protected: true }, command: 'uptime', substituted: false, dangers: [] });
  assert.equal(single.kind === 'confirm' && single.title, 'Run on protected environment "production"?');
});

test('runbook run --env <fleet> on a protected fleet: the count in the confirmation, the table, the failing host\'s exit', { skip }, async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const ws = scratchDir('runbook-fleet-cli-');
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, 'inventory.txt'), fleet.map((s) => `127.0.0.1:${s.port}\n`).join(''));
  // Every sshd has its own host key and known_hosts file: one file with all three lines.
  writeFileSync(join(ws, 'known_hosts'), fleet.map((s) => readFileSync(s.options.UserKnownHostsFile, 'utf8')).join(''));
  writeFileSync(join(ws, '.runbook/environments.yaml'), [
    'environments:', '  prod-fleet:', '    protected: true',
    `    target: { inventory: inventory.txt, onHostFailure: continue, ssh: { user: ${fleet[0].user}, options: { UserKnownHostsFile: "${join(ws, 'known_hosts')}", IdentityFile: "${fleet[0].options.IdentityFile}" } } }`,
  ].join('\n'));
  writeFileSync(join(ws, 'fleet.md'), `# Fleet\n\n\`\`\`bash\n${failOn(fleet[2].port)}\n\`\`\`\n`);
  const root = join(__dirname, '../../..');
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/main.ts'), 'run', join(ws, 'fleet.md'), '--env', 'prod-fleet', '--block', '1', ...args], {
    cwd: root, encoding: 'utf8', input: '', timeout: 60_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
  });
  assert.equal(cli([]).status, 2);
  // An inventory shares one key for every host: each test sshd is told to accept the first's.
  for (const s of fleet.slice(1)) writeFileSync(join(s.dir, 'authorized_keys'), readFileSync(join(fleet[0].dir, 'client_key.pub')));
  const r = cli(['--confirm', 'prod-fleet']);
  assert.match(r.stderr, /Run 1 step\(s\) on 3 hosts of protected environment "prod-fleet"\?/);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stdout, /2 of 3 host\(s\) ok/);
  assert.match(r.stderr, /✗ 2 of 3 hosts ok \(exit 3\)/);
  assert.match(r.stdout, new RegExp(`127\\.0\\.0\\.1:${fleet[2].port} +3 +\\S+ +no space left on device`));
});

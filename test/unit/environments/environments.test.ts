import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironments } from '../../../server/src/environments/load';
import { environmentList, resolveEnvironment, startupEnvironment, loadEnvironments, sessionBaseEnv, definedVariableNames, MissingSecretError } from '../../../server/src/environments/resolve';
import { RunEngine } from '../../../server/src/run/engine';

const fixture = join(__dirname, '../../fixtures/run/ws');

test('the fixture file parses without diagnostics', async () => {
  const f = await loadEnvironments(fixture);
  assert.equal(f.exists, true);
  assert.deepEqual(f.diagnostics, []);
  assert.deepEqual(f.environments.map((e) => [e.name, e.protected]), [['staging', false], ['production', true]]);
  assert.deepEqual(f.environments[1].prometheus, { url: 'https://prometheus.example.com', auth: { bearer: 'PROM_TOKEN' } });
  assert.equal(f.default, 'staging');
});

test('unknown keys, bad URLs, duplicate names and bad types are reported with ranges', () => {
  const text = [
    'environments:',            // 0
    '  staging:',               // 1
    '    variables: {NS: a}',   // 2
    '    prometheus: ftp://x',  // 3
    '    colour: red',          // 4
    '  staging:',               // 5
    '    protected: yes-please',// 6
    '  prod:',                  // 7
    '    shell: zsh',           // 8
    '    secrets: [OK_NAME, "bad-name"]', // 9
    '    prometheus: {url: "https://p", auth: {bearer: TOKEN, token: x}}', // 10
    'colour: blue',             // 11
  ].join('\n');
  const { diagnostics, environments } = parseEnvironments(text);
  const at = (line: number) => diagnostics.filter((d) => d.range.start.line === line).map((d) => d.message);
  assert.match(at(3).join(), /`ftp:\/\/x` is not an http\(s\) URL/);
  assert.match(at(4).join(), /Unknown key `colour` in environment `staging`/);
  assert.match(at(5).join(), /Duplicate environment name `staging`/);
  assert.deepEqual(diagnostics.find((d) => /Duplicate/.test(d.message))!.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 9 } });
  assert.match(at(8).join(), /`shell` must be `bash` or `pwsh`/);
  assert.match(at(9).join(), /Secret `bad-name` is not a valid variable name/);
  assert.match(at(10).join(), /Unknown key `token` in `auth`/);
  assert.match(at(11).join(), /Unknown key `colour`/);
  assert.deepEqual(environments.map((e) => e.name), ['staging', 'prod']);
  assert.deepEqual(environments[1].secrets, ['OK_NAME']);
});

test('YAML syntax errors become diagnostics, not exceptions', () => {
  const { diagnostics } = parseEnvironments('environments:\n  a: [unclosed\n');
  assert.ok(diagnostics.length > 0);
  assert.match(diagnostics[0].message, /^YAML: /);
});

test('`local` exists with no file and uses PROMETHEUS_URL or the default', async () => {
  const list = environmentList({ environments: [] });
  assert.deepEqual(list.map((e) => e.name), ['local']);
  const ws = '/tmp/ws';
  const none = { get: async () => undefined };
  const a = await resolveEnvironment(list[0], { workspaceFolder: ws, baseEnv: { HOME: '/h' }, secrets: none });
  assert.equal(a.prometheus?.url, 'http://127.0.0.1:9090');
  assert.equal(a.cwd, ws);
  assert.equal(a.processEnv.HOME, '/h');
  const b = await resolveEnvironment(list[0], { workspaceFolder: ws, baseEnv: { PROMETHEUS_URL: 'http://prom:9090' }, secrets: none });
  assert.equal(b.prometheus?.url, 'http://prom:9090');
});

test('only `local` falls back to a Prometheus; another environment without one has none', async () => {
  const none = { get: async () => undefined };
  const staging = { name: 'staging', variables: {}, shell: 'bash' as const, protected: false, secrets: [] };
  const env = await resolveEnvironment(staging, { workspaceFolder: '/ws', baseEnv: { PROMETHEUS_URL: 'http://prom:9090' }, secrets: none });
  assert.equal(env.prometheus, undefined);
  const local = { ...staging, name: 'local' };
  assert.equal((await resolveEnvironment(local, { workspaceFolder: '/ws', baseEnv: {}, secrets: none })).prometheus?.url, 'http://127.0.0.1:9090');
});

test('secrets resolve through the SecretSource and are listed for redaction', async () => {
  const def = { name: 'prod', variables: { NS: 'p' }, shell: 'bash' as const, protected: true, secrets: ['TOKEN'], cwd: 'ops',
    prometheus: { url: 'https://p', auth: { basic: { username: 'u', password: 'PROM_PW' } } } };
  const vals: Record<string, string> = { TOKEN: 'tok-abcdef', PROM_PW: 'pw-123456' };
  const env = await resolveEnvironment(def, { workspaceFolder: '/ws', baseEnv: {}, secrets: { get: async (n) => vals[n] } });
  assert.equal(env.processEnv.TOKEN, 'tok-abcdef');
  assert.equal(env.processEnv.NS, 'p');
  assert.equal(env.cwd, '/ws/ops');
  assert.equal(env.prometheus?.headers.Authorization, `Basic ${Buffer.from('u:pw-123456').toString('base64')}`);
  assert.ok(env.secretValues.includes('tok-abcdef') && env.secretValues.includes('pw-123456'));
  await assert.rejects(resolveEnvironment(def, { workspaceFolder: '/ws', baseEnv: {}, secrets: { get: async () => undefined } }), MissingSecretError);
});

test('a protected environment is never the start-up choice', () => {
  const envs = [
    { name: 'production', variables: {}, shell: 'bash' as const, protected: true, secrets: [] },
    { name: 'staging', variables: {}, shell: 'bash' as const, protected: false, secrets: [] },
  ];
  assert.equal(startupEnvironment({ environments: envs, default: 'production' }, 'production'), 'local');
  assert.equal(startupEnvironment({ environments: envs }, 'staging'), 'staging');
  assert.equal(startupEnvironment({ environments: envs, default: 'staging' }), 'staging');
});

test('the JSON schema knows every key the loader accepts', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '../../../schemas/environments.schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.definitions.environment.properties).sort(), ['alertmanager', 'choices', 'cwd', 'prometheus', 'protected', 'secrets', 'shell', 'target', 'variables']);
  assert.deepEqual(Object.keys(schema.properties).sort(), ['default', 'environments']);
});

test('sessions started from the editor do not inherit its Electron and VS Code variables', async () => {
  const host = { PATH: process.env.PATH, HOME: '/tmp', ELECTRON_RUN_AS_NODE: '1', VSCODE_PID: '42', VSCODE_IPC_HOOK: '/x', LANG: 'C.UTF-8' };
  const base = sessionBaseEnv(host);
  const def = { name: 'local', variables: { NS: 'p' }, shell: 'bash' as const, protected: false, secrets: ['TOKEN'] };
  const env = await resolveEnvironment(def, { workspaceFolder: '/tmp', baseEnv: base, secrets: { get: async () => 'tok-abcdef' } });
  const engine = new RunEngine();
  try {
    const r = await engine.runStep({ runbook: 'rb.md', block: { index: 0, lang: 'shell', sectionPath: [] }, env,
      command: 'echo "${ELECTRON_RUN_AS_NODE:-unset} ${VSCODE_PID:-unset} ${VSCODE_IPC_HOOK:-unset} $LANG $NS"' });
    assert.equal(r.output, 'unset unset unset C.UTF-8 p\n');
  } finally { await engine.dispose(); }
  // What the $VAR diagnostic treats as defined is exactly what the session has (plus secrets).
  assert.deepEqual(definedVariableNames(def, base).sort(), ['HOME', 'LANG', 'NS', 'PATH', 'PROMETHEUS_URL', 'RUNBOOK_PROMETHEUS_URL', 'TOKEN']);
});

test('a Prometheus credential is bound to its host: after the URL changes it is not sent', async () => {
  // A store keyed like the editor's SecretStorage: environment, name and destination.
  const stored = new Map<string, string>();
  const asked: [string, string, string | undefined][] = [];
  const store = { get: async (name: string, env: string, destination?: string) => { asked.push([name, env, destination]); return stored.get(`${env}/${name}@${destination ?? ''}`); } };
  const def = (url: string) => ({ name: 'prod', variables: {}, shell: 'bash' as const, protected: true, secrets: ['DB_PASS'], prometheus: { url, auth: { bearer: 'PROM_TOKEN' } } });
  stored.set('prod/PROM_TOKEN@https://prom.example.com', 'tok-right-host');
  stored.set('prod/DB_PASS@', 'pw-long');

  const ok = await resolveEnvironment(def('https://prom.example.com/prometheus'), { workspaceFolder: '/ws', baseEnv: {}, secrets: store });
  assert.equal(ok.prometheus?.headers.Authorization, 'Bearer tok-right-host');
  // The host-bound credential first: a name also listed in `secrets:` then reuses it (asked once).
  assert.deepEqual(asked, [['PROM_TOKEN', 'prod', 'https://prom.example.com'], ['DB_PASS', 'prod', undefined]]);

  // A pull changes the URL to another host (or another port, or http): the stored token is not found.
  for (const moved of ['https://attacker.example', 'https://prom.example.com:8443', 'http://prom.example.com']) {
    await assert.rejects(resolveEnvironment(def(moved), { workspaceFolder: '/ws', baseEnv: {}, secrets: store }),
      (e: Error) => e instanceof MissingSecretError && e.message.includes(new URL(moved).origin));
  }
});

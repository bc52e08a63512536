import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';

const none = { get: async () => undefined };
const parse = (lines: string[]) => parseEnvironments(lines.join('\n'));
const messagesAt = (r: ReturnType<typeof parse>, line: number) => r.diagnostics.filter((d) => d.range.start.line === line).map((d) => d.message).join(' | ');

test('target defaults to local; ssh, kubectl and fleet targets parse', () => {
  const r = parse([
    'environments:',
    '  dev: {}',
    '  bastion:',
    '    target: { ssh: { host: bastion.example.com, user: ops, port: 2222, jump: jump.example.com, options: { UserKnownHostsFile: /etc/ops/known_hosts } } }',
    '  pod:',
    '    target: { kubectl: { context: prod, namespace: payments, selector: "app=api,tier!=db", container: app } }',
    '  fleet:',
    '    target: { hosts: [web-1, "ops@web-2:2200", { host: web-3, port: 22 }], ssh: { user: deploy }, canary: web-1, concurrency: 4, onHostFailure: continue }',
    '  short:',
    '    target: { ssh: "root@10.0.0.5:22" }',
  ]);
  assert.deepEqual(r.diagnostics, []);
  const t = Object.fromEntries(r.environments.map((e) => [e.name, e.target]));
  assert.deepEqual(t.dev, { kind: 'local' });
  assert.deepEqual(t.bastion, { kind: 'ssh', host: 'bastion.example.com', user: 'ops', port: 2222, jump: 'jump.example.com', options: { UserKnownHostsFile: '/etc/ops/known_hosts' } });
  assert.deepEqual(t.pod, { kind: 'kubectl', context: 'prod', namespace: 'payments', selector: 'app=api,tier!=db', container: 'app' });
  assert.equal(t.fleet?.kind, 'fleet');
  assert.deepEqual(t.short, { kind: 'ssh', host: '10.0.0.5', user: 'root', port: 22, options: {} });
});

test('bad targets are errors where they are written, and the environment cannot run locally instead', () => {
  const r = parse([
    'environments:',
    '  a:',
    '    target: { ssh: { host: "-oProxyCommand=touch /tmp/x" } }', // 2
    '  b:',
    '    target: { ssh: { host: h, options: { ProxyCommand: "nc %h %p" } } }', // 4
    '  c:',
    '    target: { ssh: { host: h, options: { StrictHostKeyChecking: "no" } } }', // 6
    '  d:',
    '    target: { kubectl: { pod: api-0 } }', // 8
    '  e:',
    '    target: { hosts: [web-1, web-1] }', // 10
    '  f:',
    '    target: { ssh: { host: h, port: 70000 } }', // 12
    '  g:',
    '    target: somewhere', // 14
    '  h:',
    '    target: { ssh: { host: h, options: { UserKnownHostsFile: /dev/null } } }', // 16
    '  i:',
    '    target: { hosts: [web-1], canary: web-9 }', // 18
  ]);
  assert.match(messagesAt(r, 2), /not a host name/);
  assert.match(messagesAt(r, 4), /ProxyCommand.*not passed/);
  assert.match(messagesAt(r, 6), /never turns host-key checking off/);
  assert.match(messagesAt(r, 8), /needs a `namespace`/);
  assert.match(messagesAt(r, 10), /listed twice/);
  assert.match(messagesAt(r, 12), /port/);
  assert.match(messagesAt(r, 14), /`target` must be/);
  assert.match(messagesAt(r, 16), /\/dev\/null/);
  assert.match(messagesAt(r, 18), /Canary `web-9`/);
  for (const e of r.environments) assert.equal(e.target?.kind, 'invalid', e.name);
});

test('accept-new is allowed with a warning', () => {
  const r = parse(['environments:', '  a:', '    target: { ssh: { host: h, options: { StrictHostKeyChecking: accept-new } } }']);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0].severity, 2);
  assert.equal(r.environments[0].target?.kind, 'ssh');
});

test('choices must be read-only pipelines', () => {
  const r = parse([
    'environments:',
    '  a:',
    '    choices:',
    '      pod: kubectl get pods -o name',            // 3
    '      unit: "systemctl list-units --type service | awk \'{print $1}\'"', // 4
    '      bad: kubectl delete pod x',                 // 5
    '      worse: "ls; rm -rf /"',                     // 6
  ]);
  assert.deepEqual(r.environments[0].choices, { pod: 'kubectl get pods -o name', unit: "systemctl list-units --type service | awk '{print $1}'" });
  assert.match(messagesAt(r, 5), /not a command Runbook knows to be read-only/);
  assert.match(messagesAt(r, 6), /one read-only pipeline/);
});

test('a fleet inventory is read at resolve, each host given the fleet defaults', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'runbook-inv-'));
  writeFileSync(join(ws, 'hosts.txt'), '# web tier\nweb-1\nroot@web-2:2201\n\n');
  const r = parse(['environments:', '  f:', '    target: { inventory: hosts.txt, hosts: [db-1], ssh: { user: deploy, options: { ConnectTimeout: "5" } } }']);
  assert.deepEqual(r.diagnostics, []);
  const env = await resolveEnvironment(r.environments[0], { workspaceFolder: ws, baseEnv: {}, secrets: none });
  assert.equal(env.target.kind, 'fleet');
  if (env.target.kind !== 'fleet') return;
  assert.deepEqual(env.target.hosts.map((h) => [h.user, h.host, h.port, h.options.ConnectTimeout]), [['deploy', 'db-1', undefined, '5'], ['deploy', 'web-1', undefined, '5'], ['root', 'web-2', 2201, '5']]);
  writeFileSync(join(ws, 'hosts.txt'), 'web-1\n-oProxyCommand=x\n');
  await assert.rejects(resolveEnvironment(r.environments[0], { workspaceFolder: ws, baseEnv: {}, secrets: none }), /hosts.txt:2:/);
});

test('the JSON schema accepts the targets the loader accepts and rejects a refused option', async () => {
  const { default: Ajv } = await import('ajv');
  const { parse: yaml } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  const schema = JSON.parse(readFileSync(join(__dirname, '../../../schemas/environments.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  const good = yaml('environments:\n  a: { target: local }\n  b: { target: { ssh: "ops@h:22" } }\n  c: { target: { kubectl: { namespace: n, pod: p } } }\n  d: { target: { hosts: [w1, { host: w2, options: { UserKnownHostsFile: /k } }], canary: w1 }, choices: { pod: "kubectl get pods -o name" } }\n');
  assert.ok(validate(good), JSON.stringify(validate.errors));
  assert.equal(validate(yaml('environments:\n  b: { target: { ssh: { host: h, options: { ProxyCommand: x } } } }\n')), false);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';

const FILE = [
  'environments:',
  '  production:',
  '    protected: true',
  '    prometheus: { url: https://prom.example.com, auth: { bearer: PROM_TOKEN } }',
  '    alertmanager:',
  '      url: https://am.example.com',
  '      headers: { X-Scope-OrgID: payments }',
  '      auth: { bearer: PROM_TOKEN }',
  '',
].join('\n');

test('alertmanager: has the shape of prometheus (url, headers, auth by secret name)', () => {
  const { environments, diagnostics } = parseEnvironments(FILE);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(environments[0].alertmanager, { url: 'https://am.example.com', headers: { 'X-Scope-OrgID': 'payments' }, auth: { bearer: 'PROM_TOKEN' } });
  const bad = parseEnvironments('environments:\n  s:\n    alertmanager: { uri: https://am }\n').diagnostics.map((d) => d.message);
  assert.deepEqual(bad, ['Unknown key `uri` in `alertmanager`. Expected one of: url, headers, auth.', '`alertmanager` needs a `url`.']);
});

test('the same secret name sent to the Alertmanager is asked for its own host, never reused from Prometheus\'s', async () => {
  const asked: string[] = [];
  const secrets = { get: async (name: string, _env: string, destination?: string) => { asked.push(`${name}@${destination}`); return destination === 'https://am.example.com' ? 'am-token-123456' : 'prom-token-123456'; } };
  const env = await resolveEnvironment(parseEnvironments(FILE).environments[0], { workspaceFolder: '/tmp', baseEnv: {}, secrets });
  assert.deepEqual(asked, ['PROM_TOKEN@https://prom.example.com', 'PROM_TOKEN@https://am.example.com']);
  assert.equal(env.alertmanager?.headers.Authorization, 'Bearer am-token-123456');
  assert.equal(env.prometheus?.headers.Authorization, 'Bearer prom-token-123456');
  assert.ok(env.secretValues.includes('am-token-123456'), 'masked like any secret');
});

test('a missing Alertmanager secret costs the silences, not the environment', async () => {
  const secrets = { get: async (_n: string, _e: string, destination?: string) => (destination === 'https://am.example.com' ? undefined : 'prom-token-123456') };
  const env = await resolveEnvironment(parseEnvironments(FILE).environments[0], { workspaceFolder: '/tmp', baseEnv: {}, secrets });
  assert.equal(env.alertmanager, undefined);
  assert.match(env.alertmanagerError!, /Secret `PROM_TOKEN` for environment `production` \(sent to https:\/\/am\.example\.com\) has no value/);
  assert.ok(env.prometheus);
});

// Security claims of SECURITY.md that no other suite covers, against real sockets and a real bash:
// a hostile Prometheus, credentials in failing hovers, and environment values.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { metricHover } from '../../../server/src/metrics/metricHover';
import { parseEnvironments } from '../../../server/src/environments/load';
import { resolveEnvironment } from '../../../server/src/environments/resolve';
import { RunEngine } from '../../../server/src/run/engine';
import { RunRecorder } from '../../../server/src/run/records';
import type { EnvironmentDef } from '../../../server/src/environments/types';
import { startHttpServer } from '../../support/servers';
import { scratchDir } from '../run/helpers';

const hostileLabel = '<img src=x onerror=alert(1)> <script>x</script> [link](javascript:alert(1)) **bold** ```';

test('hostile Prometheus: markup in label values and HELP text is escaped in the hover', async () => {
  const srv = await startHttpServer((req, res) => {
    const url = req.url ?? '';
    const metric = { __name__: 'jobs_total', job: hostileLabel, instance: '](http://evil)' };
    const data = url.includes('/metadata') ? { jobs_total: [{ type: 'counter', help: '<iframe src=http://evil></iframe> [x](http://evil)', unit: '' }] }
      : url.includes('query_range') ? { resultType: 'matrix', result: [{ metric, values: [[1, '1'], [2, '2']] }] }
      : { resultType: 'vector', result: [{ metric, value: [2, '5'] }] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 3000 });
  try {
    const md = await metricHover('jobs_total', { client, envName: 'prod' });
    assert.ok(srv.requests.length > 0);
    for (const raw of ['<img', '<script', '<iframe', '](javascript:', '](http://evil)', '**bold**']) assert.ok(!md.includes(raw), `hover contains ${raw}:\n${md}`);
    assert.match(md, /&lt;img src=x onerror=alert\(1\)&gt;/, 'the label value is still shown, escaped');
  } finally { await client.close(); await srv.stop(); }
});

test('hostile Prometheus: 100,000-deep nested JSON is a one-line hover, not a crash', async () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const srv = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"status":"success","data":{"resultType":"vector","result":${deep}}}`);
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 3000 });
  try {
    const md = await metricHover('jobs_total', { client, envName: 'prod' });
    assert.ok(srv.requests.length > 0);
    assert.match(md, /^⚠ prod: [^\n]{1,300}$/, 'one short line, no echo of the hostile body');
  } finally { await client.close(); await srv.stop(); }
});

for (const how of ['bearer token', 'user:password in the URL'] as const) {
  test(`credentials (${how}) never appear in a hover when Prometheus rejects them and echoes them back`, async () => {
    const token = 'tok-Secret-4f3e2d1c', password = 'pw-Hunter2-xyz';
    const srv = await startHttpServer((req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' }).end(`unauthorized: ${req.headers.authorization} from ${req.url}`);
    });
    const prometheus = how === 'bearer token' ? { url: srv.url, bearerToken: token } : { url: srv.url.replace('http://', `http://admin:${password}@`) };
    const expected = how === 'bearer token' ? `Bearer ${token}` : `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    const client = new PrometheusClient({ name: 'prod', prometheus }, { requestTimeoutMs: 3000 });
    try {
      const md = await metricHover('jobs_total', { client, envName: 'prod' });
      assert.ok(srv.requests.some(r => r.headers.authorization === expected), 'the credentials did go to their own host');
      for (const secret of [token, password, expected.split(' ')[1]]) assert.ok(!md.includes(secret), `hover leaks ${secret}: ${md}`);
      assert.match(md, /prod/);
    } finally { await client.close(); await srv.stop(); }
  });
}

async function runWith(variables: Record<string, string>, command: string) {
  const ws = scratchDir('runbook-sec-');
  const def: EnvironmentDef = { name: 'staging', variables, shell: 'bash', protected: false, secrets: [] };
  const env = await resolveEnvironment(def, { workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: { get: async () => undefined } });
  const engine = new RunEngine({ recorder: new RunRecorder(join(ws, '.runbook/runs')) });
  try {
    const r = await engine.runStep({ runbook: join(ws, 'rb.md'), block: { index: 0, lang: 'shell', sectionPath: [] }, command: `cd '${ws}' && ${command}`, env });
    return { r, files: readdirSync(ws).filter(f => f !== '.runbook') };
  } finally { await engine.dispose(); }
}

test('environment variable values cannot inject commands: they reach bash as data', async () => {
  const values = { A: '$(touch pwned-a)', B: '`touch pwned-b`', C: "'; touch pwned-c; '", D: '"; touch pwned-d; "', E: 'x\ntouch pwned-e' };
  const { r, files } = await runWith(values, 'printf "[%s]\\n" "$A" "$B" "$C" "$D" "$E"; echo $A $B');
  assert.equal(r.status, 'ok');
  assert.ok(r.output.startsWith(Object.values(values).map(v => `[${v}]\n`).join('')), r.output);
  assert.deepEqual(files, []);
});

test('an environments file cannot redefine commands with exported functions (BASH_FUNC_*)', async () => {
  const parsed = parseEnvironments('environments:\n  staging:\n    variables:\n      "BASH_FUNC_kubectl%%": "() { touch pwned-func; }"\n');
  const def = parsed.environments.find(e => e.name === 'staging')!;
  const { files } = await runWith(def.variables, 'kubectl version >/dev/null 2>&1; true');
  assert.deepEqual(files, [], 'the reviewed command `kubectl version` ran something else');
  assert.ok(parsed.diagnostics.some(d => /not a valid shell variable name/.test(d.message)));
});

test('an environments file cannot set LD_PRELOAD, PS4 or PROMPT_COMMAND for the session', () => {
  const parsed = parseEnvironments('environments:\n  staging:\n    variables:\n      LD_PRELOAD: /tmp/evil.so\n      PROMPT_COMMAND: touch x\n      PS4: $(touch y)\n      NS: payments\n');
  const def = parsed.environments.find(e => e.name === 'staging')!;
  assert.deepEqual(def.variables, { NS: 'payments' });
  assert.equal(parsed.diagnostics.filter(d => /changes how the shell runs/.test(d.message)).length, 3);
});

test('an environments file with a "billion laughs" alias bomb is read without expanding it', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i), prev = String.fromCharCode(96 + i);
    lines.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(',')}]`);
  }
  const parsed = parseEnvironments(lines.join('\n') + '\nenvironments:\n  staging:\n    variables:\n      BOMB: *j\n      NS: payments\n');
  const staging = parsed.environments.find(e => e.name === 'staging')!;
  assert.deepEqual(staging.variables, { NS: 'payments' }, 'the alias (a sequence of 9^10 strings) is rejected, not expanded');
  assert.ok(parsed.diagnostics.some(d => /BOMB/.test(d.message)));
});

test('BASH_ENV and ENV from an environments file are not sourced by the session', async () => {
  const dir = scratchDir('runbook-bashenv-');
  const evil = join(dir, 'evil.sh');
  writeFileSync(evil, `touch '${join(dir, 'sourced')}'\n`);
  const { r } = await runWith({ BASH_ENV: evil, ENV: evil, NS: 'p' }, 'bash -c true; sh -c true; echo "$NS"');
  assert.equal(r.status, 'ok');
  assert.equal(existsSync(join(dir, 'sourced')), false, 'a startup file named by the environment ran');
});

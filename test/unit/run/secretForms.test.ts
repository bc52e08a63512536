// Secrets in every form they take (issue 19 item 5): quoted by the substitution, escaped by
// `set -x` and `declare -p`, too short to mask, and echoed back by a Prometheus into a hover.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { substitute, secretValuesOf } from '../../../server/src/run/substitute';
import { UnsafeSubstitutionError } from '../../../server/src/run/quote';
import { resolveEnvironment, builtinLocal, MissingSecretError } from '../../../server/src/environments/resolve';
import { RunEngine } from '../../../server/src/run/engine';
import { RunRecorder } from '../../../server/src/run/records';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { metricHover } from '../../../server/src/metrics/metricHover';
import { startHttpServer } from '../../support/servers';
import { scratchDir } from './helpers';

async function runSecretStep(body: string, values: Record<string, string>) {
  const ws = scratchDir('runbook-secforms-');
  const env = await resolveEnvironment(builtinLocal(), { workspaceFolder: ws, baseEnv: { PATH: process.env.PATH, HOME: ws }, secrets: { get: async () => undefined } });
  const { command } = substitute(body, values);
  const secretValues = secretValuesOf(values);
  const stream: string[] = [];
  const engine = new RunEngine({ recorder: new RunRecorder(join(ws, '.runbook/runs')) });
  engine.on('output', (e: { text: string }) => stream.push(e.text));
  try {
    const r = await engine.runStep({ runbook: 'rb.md', block: { index: 0, lang: 'shell', sectionPath: [] }, env, command, secretValues });
    return { r, stream: stream.join(''), record: r.record?.ok ? readFileSync(r.record.file, 'utf8') : '' };
  } finally { await engine.dispose(); }
}

const tricky = ['Xy$Zz"Q`b\\c-9f8e', "it's-a-s3cret", 'tab\there-and\nnewline-7', 'plain-token-4821'];

test('a secret-named placeholder is masked in every form the substitution, set -x and declare -p produce', async () => {
  for (const value of tricky) {
    for (const body of ['echo "auth=<api_token>"', "echo 'auth=<api_token>'", 'echo auth=<api_token>', "echo $'auth=<api_token>'",
      'set -x; t=<api_token>; : "$t"; set +x', 'set -x; t="<api_token>"; set +x', 't=<api_token>; declare -p t', 't=<api_token>; printf "%q\\n" "$t"']) {
      const { r, stream, record } = await runSecretStep(body, { api_token: value });
      assert.equal(r.status, 'ok', `${body}: ${r.output}`);
      const json = JSON.parse(record);
      for (const [where, text] of [['stream', stream], ['record command', json.command], ['record output', json.output]] as const) {
        assert.ok(!/9f8e|s3cret|newline-7|4821/.test(text), `${JSON.stringify(value)} in ${body}: ${where} shows it: ${JSON.stringify(text)}`);
      }
      assert.match(stream + json.command, /\*\*\*/);
    }
  }
});

test('secrets shorter than 4 characters are refused, and the message says why', async () => {
  assert.throws(() => substitute('echo <api_token>', { api_token: 'abc' }), (e) => e instanceof UnsafeSubstitutionError && /shorter than 4 characters.*could not mask/.test(e.message));
  assert.throws(() => substitute('echo "$DB_PASSWORD"', { DB_PASSWORD: 'pw' }, ['DB_PASSWORD']), UnsafeSubstitutionError);
  assert.equal(substitute('echo <pod>', { pod: 'ab' }).command, 'echo ab', 'ordinary short values are fine');
  const def = { name: 'prod', variables: {}, shell: 'bash' as const, protected: false, secrets: ['DEPLOY_TOKEN'] };
  await assert.rejects(resolveEnvironment(def, { workspaceFolder: '/ws', baseEnv: {}, secrets: { get: async () => 'x1' } }),
    (e) => e instanceof MissingSecretError && /shorter than 4 characters/.test(e.message));
});

test('a token Prometheus echoes back in a label value or HELP text is masked in the hover', async () => {
  const token = 'tok-Echo_d9*3a"b7';
  const srv = await startHttpServer((req, res) => {
    const url = req.url ?? '';
    const seen = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    const metric = { __name__: 'jobs_total', job: `api ${seen}`, instance: seen };
    const data = url.includes('/metadata') ? { jobs_total: [{ type: 'counter', help: `Jobs. Called with ${req.headers.authorization}`, unit: '' }] }
      : url.includes('query_range') ? { resultType: 'matrix', result: [{ metric, values: [[1, '1'], [2, '2']] }] }
      : { resultType: 'vector', result: [{ metric, value: [2, '5'] }] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
  });
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url, bearerToken: token } }, { requestTimeoutMs: 3000 });
  try {
    const md = await metricHover('jobs_total', { client, envName: 'prod' });
    assert.ok(srv.requests.some((r) => r.headers.authorization === `Bearer ${token}`), 'the token went to its own host');
    for (const part of ['d9', 'Echo']) assert.ok(!md.includes(part), `hover shows the token: ${md}`);
    assert.match(md, /\*\*\*|\\\*\\\*\\\*/);
  } finally { await client.close(); await srv.stop(); }
});

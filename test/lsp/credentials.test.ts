// The standalone language server (no VS Code) and credentials named by a workspace file (issue 19
// item 1): a real HTTP listener records the Authorization header of every request the server makes.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type LspSession } from '../tools/lspClient';
import { startHttpServer, jsonOk, type TestServer } from '../support/servers';

const secret = 'aws-Secret-Key-9f8e7d6c';
let srv: TestServer;

before(async () => {
  srv = await startHttpServer((req, res) => {
    const url = req.url ?? '';
    if (url.includes('/label/__name__/values')) return jsonOk(res, ['jobs_total']);
    if (url.includes('/metadata')) return jsonOk(res, { jobs_total: [{ type: 'counter', help: 'Jobs.', unit: '' }] });
    if (url.includes('query_range')) return jsonOk(res, { resultType: 'matrix', result: [] });
    return jsonOk(res, { resultType: 'vector', result: [{ metric: { __name__: 'jobs_total' }, value: [1, '3'] }] });
  });
});
after(async () => { await srv?.stop(); });

/** A cloned repository: its environments file sends the user's AWS key to the repository's host. */
function hostileWorkspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'runbook-lsp-cred-'));
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), `environments:\n  local:\n    prometheus:\n      url: ${srv.url}\n      auth: { bearer: AWS_SECRET_ACCESS_KEY }\n`);
  writeFileSync(join(ws, 'rb.md'), '# Jobs\n\n```promql\nrate(jobs_total[5m])\n```\n');
  return ws;
}

async function hoverJobs(s: LspSession, ws: string): Promise<string> {
  const uri = pathToFileURL(join(ws, 'rb.md')).href;
  const wait = s.diagnostics(uri);
  s.open(uri, '# Jobs\n\n```promql\nrate(jobs_total[5m])\n```\n');
  await wait;
  const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 7 } }) as { contents: { value: string } } | null;
  // Let completion prefetch and the unknown-metric check have their go at the host too.
  await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 7 } });
  await new Promise((r) => setTimeout(r, 300));
  return hover?.contents.value ?? '';
}

const sentSecret = () => srv.requests.filter((r) => String(r.headers.authorization ?? '').includes(secret));

test('an untrusted folder: no request carries the credential its environments file names, and the hover says why', async () => {
  srv.requests.length = 0;
  const ws = hostileWorkspace();
  const config = mkdtempSync(join(tmpdir(), 'runbook-xdg-'));
  const s = await startServer({ rootUri: pathToFileURL(ws).href, env: { AWS_SECRET_ACCESS_KEY: secret, XDG_CONFIG_HOME: config } });
  const asked: string[] = [];
  s.conn.onRequest('window/showMessageRequest', (p: { message: string }) => { asked.push(p.message); return { title: 'Send' }; });
  try {
    const md = await hoverJobs(s, ws);
    assert.deepEqual(sentSecret(), [], 'the secret left for the repository\'s host');
    assert.match(md, /not a trusted folder/);
    assert.match(md, /trusted-folders/);
    assert.deepEqual(asked, [], 'an untrusted folder is not even asked about');
  } finally { await s.stop(); }
});

test('a folder trusted in the user\'s trusted-folders file: the host is shown first, then the credential is sent', async () => {
  srv.requests.length = 0;
  const ws = hostileWorkspace();
  const config = mkdtempSync(join(tmpdir(), 'runbook-xdg-'));
  mkdirSync(join(config, 'runbook'));
  writeFileSync(join(config, 'runbook/trusted-folders'), `# mine\n${ws}\n`);
  const s = await startServer({ rootUri: pathToFileURL(ws).href, env: { AWS_SECRET_ACCESS_KEY: secret, XDG_CONFIG_HOME: config } });
  const asked: { message: string; before: number }[] = [];
  s.conn.onRequest('window/showMessageRequest', (p: { message: string }) => { asked.push({ message: p.message, before: sentSecret().length }); return { title: 'Send' }; });
  try {
    const md = await hoverJobs(s, ws);
    assert.equal(asked.length, 1, 'asked once, whatever the number of requests');
    assert.ok(asked[0].message.includes(new URL(srv.url).host) && asked[0].message.includes('AWS_SECRET_ACCESS_KEY'), asked[0].message);
    assert.equal(asked[0].before, 0, 'nothing was sent before the user saw the host');
    assert.ok(sentSecret().length > 0, 'sent once consented');
    assert.match(md, /jobs_total/);
  } finally { await s.stop(); }
});

test('trusted by initialization option, but the user declines: nothing is sent', async () => {
  srv.requests.length = 0;
  const ws = hostileWorkspace();
  const config = mkdtempSync(join(tmpdir(), 'runbook-xdg-'));
  const s = await startServer({ rootUri: pathToFileURL(ws).href, env: { AWS_SECRET_ACCESS_KEY: secret, XDG_CONFIG_HOME: config }, initializationOptions: { trustedFolders: [ws] } });
  s.conn.onRequest('window/showMessageRequest', () => ({ title: 'Do not send' }));
  try {
    const md = await hoverJobs(s, ws);
    assert.deepEqual(sentSecret(), []);
    assert.match(md, /declined/);
  } finally { await s.stop(); }
});

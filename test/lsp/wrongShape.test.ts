// A Prometheus answering valid JSON of the wrong shape (`{}` where a list belongs) to every API:
// hovers, completion and the unknown-metric check say "malformed response", and the server log
// never shows a TypeError (issue 19, Info).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../tools/lspClient';
import { startHttpServer, jsonOk } from '../support/servers';
import { PrometheusClient } from '../../server/src/prometheus/client';

test('valid JSON of the wrong shape from every API is "malformed response", never a TypeError', async () => {
  const srv = await startHttpServer((_req, res) => jsonOk(res, { activeTargets: 5, jobs_total: 'x' }));
  try { await checkAll(srv.url); } finally { await srv.stop(); }
});

async function checkAll(url: string) {
  const srv = { url };
  const client = new PrometheusClient({ name: 'prod', prometheus: { url: srv.url } }, { requestTimeoutMs: 3000 });
  try {
    for (const call of [() => client.metricNames(), () => client.labels(), () => client.labelValues('job'), () => client.series(['up']), () => client.targets(), () => client.query('up')]) {
      await assert.rejects(call(), (e: Error) => e.name !== 'TypeError' && /malformed response/.test(e.message));
    }
    assert.deepEqual([...(await client.metadata()).keys()], [], 'metadata keeps only well-formed entries');
  } finally { await client.close(); }

  const ws = mkdtempSync(join(tmpdir(), 'runbook-lsp-shape-'));
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), `environments:\n  local:\n    prometheus: ${srv.url}\n`);
  const s = await startServer({ rootUri: pathToFileURL(ws).href });
  const logs: string[] = [];
  s.conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
  try {
    const uri = pathToFileURL(join(ws, 'rb.md')).href;
    const text = '# Jobs\n\n```promql\nrate(jobs_total[5m])\n```\n';
    const wait = s.diagnostics(uri);
    s.open(uri, text);
    await wait;
    const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 7 } }) as { contents: { value: string } } | null;
    await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 7 } });
    await new Promise((r) => setTimeout(r, 500));
    assert.match(hover?.contents.value ?? '', /malformed response/);
    assert.deepEqual(logs.filter((l) => /TypeError|is not iterable|Cannot read properties/.test(l)), []);
  } finally { await s.stop(); }
}

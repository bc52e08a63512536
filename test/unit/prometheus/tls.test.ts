// TLS against a real HTTPS server with a throwaway self-signed certificate: refused by default,
// accepted with the CA file, or with the insecure option.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { PrometheusError } from '../../../server/src/prometheus/errors';

const dir = mkdtempSync(join(tmpdir(), 'runbook-tls-'));
const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
  '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
const skip = made.status === 0 ? false : `openssl could not make a certificate: ${made.stderr}`;
let server: Server;
let url: string;

before(async () => {
  if (skip) return;
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: ['__name__', 'job'] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => { server?.closeAllConnections(); server?.close(); rmSync(dir, { recursive: true, force: true }); });

test('a self-signed certificate is refused with a TLS message', { skip }, async () => {
  const client = new PrometheusClient({ name: 'lab', prometheus: { url } });
  try {
    await assert.rejects(client.labels(), (e: PrometheusError) => e.kind === 'tls' && /TLS failed: /.test(e.message));
  } finally { await client.close(); }
});

test('the CA file makes it trusted', { skip }, async () => {
  const client = new PrometheusClient({ name: 'lab', prometheus: { url, caFile: join(dir, 'cert.pem') } });
  try { assert.deepEqual(await client.labels(), ['__name__', 'job']); } finally { await client.close(); }
});

test('insecure skips verification', { skip }, async () => {
  const client = new PrometheusClient({ name: 'lab', prometheus: { url, insecure: true } });
  try { assert.deepEqual(await client.labels(), ['__name__', 'job']); } finally { await client.close(); }
});

test('an unreadable CA file is reported on each request, not thrown while wiring up', async () => {
  const client = new PrometheusClient({ name: 'lab', prometheus: { url: 'https://127.0.0.1:1', caFile: '/nonexistent/ca.pem' } });
  try {
    await assert.rejects(client.labels(), (e: PrometheusError) => e.kind === 'tls' && /cannot read the CA file \/nonexistent\/ca\.pem: ENOENT/.test(e.message));
  } finally { await client.close(); }
});

test('a URL that is not http(s) is refused up front', () => {
  assert.throws(() => new PrometheusClient({ name: 'x', prometheus: { url: 'not a url' } }), (e: PrometheusError) => e.kind === 'not-configured');
  assert.throws(() => new PrometheusClient({ name: 'x', prometheus: { url: 'ftp://h' } }), /must be http or https/);
});

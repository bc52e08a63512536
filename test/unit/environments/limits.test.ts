import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironments } from '../../../server/src/environments/load';
import { loadEnvironments } from '../../../server/src/environments/resolve';

/** A valid file, just far too big: one environment with thousands of variables. */
function hugeFile(bytes: number): string {
  const lines = ['environments:', '  staging:', '    variables:'];
  for (let i = 0, size = 0; size < bytes; i++) { const l = `      V${i}: "${'x'.repeat(200)}"`; lines.push(l); size += l.length + 1; }
  return `${lines.join('\n')}\n`;
}

test('an environments file over 1 MB is one clear error, not parsed (28 MB took 10 s and 1.3 GB)', () => {
  const r = parseEnvironments(hugeFile(2 * 1024 * 1024));
  assert.deepEqual(r.environments, []);
  assert.equal(r.diagnostics.length, 1);
  assert.match(r.diagnostics[0].message, /environments\.yaml is 2\.0 MB, over the 1\.0 MB limit: it is not read/);
  assert.equal(r.diagnostics[0].severity, 1);
  // A normal file is untouched by the limit.
  assert.equal(parseEnvironments('environments:\n  staging:\n    variables: { NS: a }\n').environments.length, 1);
});

test('loading a too-large environments file refuses it from its size', async () => {
  const root = mkdtempSync(join(tmpdir(), 'runbook-envsize-'));
  mkdirSync(join(root, '.runbook'));
  writeFileSync(join(root, '.runbook/environments.yaml'), hugeFile(3 * 1024 * 1024));
  const r = await loadEnvironments(root);
  assert.equal(r.exists, true);
  assert.deepEqual(r.environments, []);
  assert.match(r.diagnostics[0].message, /3\.0 MB, over the 1\.0 MB limit/);
});

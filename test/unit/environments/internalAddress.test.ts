// A Prometheus URL aimed at a cloud metadata service or a link-local address is warned about in
// the environments file (issue 19, Info); ordinary and loopback URLs are not.
import test from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseEnvironments } from '../../../server/src/environments/load';

const warned = (url: string) => parseEnvironments(`environments:\n  prod:\n    prometheus: "${url}"\n`).diagnostics
  .filter((d) => d.severity === DiagnosticSeverity.Warning && /points inside the machine's network/.test(d.message));

test('metadata and link-local Prometheus URLs get a warning; the URL still works', () => {
  for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://169.254.170.2/v2', 'http://metadata.google.internal/computeMetadata/v1',
    'http://[fd00:ec2::254]/', 'http://[fe80::1]:9090', 'http://169.254.10.20:9090', 'http://100.100.100.200/', 'http://[::ffff:169.254.169.254]/', 'http://METADATA.google.internal./']) {
    assert.equal(warned(url).length, 1, url);
    assert.equal(parseEnvironments(`environments:\n  prod:\n    prometheus: "${url}"\n`).environments[0].prometheus?.url, url);
  }
  for (const url of ['http://127.0.0.1:9090', 'https://prometheus.example.com', 'http://10.0.0.5:9090', 'http://[::1]:9090']) assert.deepEqual(warned(url), [], url);
  const nested = parseEnvironments('environments:\n  prod:\n    prometheus:\n      url: http://169.254.169.254/\n');
  assert.ok(nested.diagnostics.some((d) => /cloud metadata service/.test(d.message)));
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { jsonFindings } from '../../../server/src/blocks/jsonSyntax';
import { yamlFindings } from '../../../server/src/blocks/yamlSyntax';

test('valid JSON is clean; elisions are hints, not errors', () => {
  assert.deepEqual(jsonFindings('{"txHash": "0x1234567890abcdef..."}'), {});
  const body = '{\n  "items": [\n    {"id": 1},\n    ...\n  ],\n  "next": …\n}';
  const f = jsonFindings(body);
  assert.deepEqual(f.diagnostics!.map((d) => [d.code, d.severity, body.slice(d.span.start, d.span.end)]), [
    ['json/elision', 4, '...'], ['json/elision', 4, '…'],
  ]);
});

test('a real JSON error is reported where it is', () => {
  const body = '{\n  "a": 1\n  "b": 2\n}';
  const [d] = jsonFindings(body).diagnostics!;
  assert.equal(d.code, 'json/syntax');
  assert.equal(d.severity, 1);
  assert.equal(d.span.start, body.indexOf('"b"'));
  assert.match(d.message, /Expected ',' or '}'/);
});

test('errors V8 reports without a position are located too', () => {
  const body = '{\n  "a": tru,\n  "b": 2\n}';
  const [d] = jsonFindings(body).diagnostics!;
  assert.equal(d.code, 'json/syntax');
  assert.ok(d.span.start >= body.indexOf('tru') && d.span.start <= body.indexOf('tru') + 3, `at ${d.span.start}`);
  assert.doesNotMatch(d.message, /is not valid JSON/);
});

test('YAML errors at their ranges; templates are not checked', () => {
  assert.deepEqual(yamlFindings('storage:\n  type: badger\n  dir: /var/lib/app\n'), {});
  const body = 'storage:\n  type: "badger\n  dir: /var/lib/app\n';
  const [d] = yamlFindings(body).diagnostics!;
  assert.equal(d.code, 'yaml/syntax');
  assert.ok(d.span.start >= body.indexOf('"badger') && d.span.start < body.length, `at ${d.span.start}`);
  const bad = 'a: 1\n b: 2\n';
  assert.equal(yamlFindings(bad).diagnostics?.[0].code, 'yaml/syntax');
  assert.deepEqual(yamlFindings('image: {{ .Values.image }}\nreplicas: {{ .Values.n }}'), {});
  assert.deepEqual(yamlFindings('a: 1\n---\nb: 2\n'), {}, 'several documents');
});

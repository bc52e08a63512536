// Elisions and fragments are documentation, not errors: a YAML example with `...` lines, a piece
// cut out of a JSON document. Each gets a hint; only YAML or JSON that is really broken is an error.
import test from 'node:test';
import assert from 'node:assert/strict';
import { jsonFindings } from '../../../server/src/blocks/jsonSyntax';
import { yamlFindings } from '../../../server/src/blocks/yamlSyntax';
import { guessContentLanguage } from '../../../server/src/blocks/contentLanguage';

const summary = (f: { diagnostics?: { code: string; severity: number }[] }) => (f.diagnostics ?? []).map((d) => `${d.code}:${d.severity}`);

test('YAML: `...`, `…` and `# ...` lines are elision hints, not syntax errors', () => {
  const body = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  ...\n  template:\n    spec:\n      containers:\n        …\n      # ...\n      nodeSelector:\n        disk: ssd\n';
  const f = yamlFindings(body);
  assert.deepEqual(summary(f), ['yaml/elision:4', 'yaml/elision:4', 'yaml/elision:4']);
  assert.deepEqual(f.diagnostics!.map((d) => body.slice(d.span.start, d.span.end)), ['...', '…', '...']);
  assert.deepEqual(summary(yamlFindings('metadata:\n  labels:\n    app: ledger\n    ... other labels\n')), ['yaml/elision:4'], 'an elision with words after it');
});

test('YAML: an elided parent key (deeper indentation after `...`) is still an elision', () => {
  const body = 'apiVersion: v1\nkind: Pod\n...\n    phase: Running\n    podIP: 10.0.3.7\n';
  assert.deepEqual(summary(yamlFindings(body)), ['yaml/elision:4']);
});

test('YAML: broken YAML stays an error, elisions or not', () => {
  assert.deepEqual(summary(yamlFindings('spec:\n  ...\n  replicas: 3\n   image: "ledger:1.2\n')), ['yaml/syntax:1']);
  assert.deepEqual(summary(yamlFindings('a: 1\n b: 2\n')), ['yaml/syntax:1']);
});

test('JSON fragments are hints: a keyed piece, objects with trailing commas, objects one after another', () => {
  for (const body of [
    '"override_attributes": {\n  "ledger": { "replicas": 3 }\n}',
    '"retries": 3,\n"timeout_ms": 500',
    '{\n  "type": "Ready",\n  "status": "True"\n},\n{\n  "type": "DiskPressure",\n  "status": "False"\n},',
    '{"id": 1, "state": "paid"}\n{"id": 2, "state": "refunded"}',
    '    "status": "ok"\n  },\n  "next": null\n}',
    '"limits": {\n  "cpu": "500m",\n  ...\n',
  ]) assert.deepEqual(summary(jsonFindings(body)), ['json/fragment:4'], body);
});

test('JSON that is really broken stays an error', () => {
  for (const body of [
    '{\n  "a": 1\n  "b": 2\n}',
    '{\n  "replicas": 3,\n  "image": "ledger:1.2"\n',
    '{"a": [1, 2}',
    '{"a": 1,}',
  ]) assert.deepEqual(summary(jsonFindings(body)), ['json/syntax:1'], body);
  assert.deepEqual(jsonFindings('{"a": 1}'), {});
});

test('a JSON fragment under bash is JSON, not shell', () => {
  assert.equal(guessContentLanguage('"override_attributes": {\n  "ledger": { "replicas": 3 }\n}').kind, 'json');
  assert.equal(guessContentLanguage('[ -f /etc/ledger.conf ] && echo present').kind === 'json', false);
});

test('JSON that opens and is cut short is broken, unless it marks what it leaves out', () => {
  assert.deepEqual(summary(jsonFindings('{\n  "default_attributes": {\n    "ledger": { "replicas": 3 }\n')), ['json/syntax:1']);
  assert.deepEqual(summary(jsonFindings('{\n  "default_attributes": {\n    ...\n    "ledger": { "replicas": 3 }\n')), ['json/fragment:4']);
});

test('more ways to elide: `{...}`, `// ...` in JSON; `[...]` and `<snip>` lines in YAML', () => {
  assert.deepEqual(summary(jsonFindings('{\n  "metadata": {...},\n  "spec": {\n    // ... more fields\n    "replicas": 3\n  }\n}')), ['json/elision:4', 'json/elision:4']);
  assert.deepEqual(summary(yamlFindings('spec:\n  containers:\n  [...]\n  volumes:\n  <snip>\n  nodeName: worker-2\n')), ['yaml/elision:4', 'yaml/elision:4']);
  assert.deepEqual(summary(jsonFindings('{"note": "see ... below", "n": 1}')), [], 'dots inside a string are text');
});

test('JSON with fill-in values: placeholders are hints; templates are not checked; errors stay errors', () => {
  const body = '{\n  "replicas": <count>,\n  "owner": $OWNER,\n  "zones": [<zone>, "eu-west-1b"]\n}';
  const f = jsonFindings(body);
  assert.deepEqual(f.diagnostics!.map((d) => [d.code, d.severity, body.slice(d.span.start, d.span.end)]), [
    ['placeholder', 4, '<count>'], ['placeholder', 4, '$OWNER'], ['placeholder', 4, '<zone>'],
  ]);
  assert.deepEqual(jsonFindings('{"image": {{ .Values.image | quote }}, "n": {{ .Values.n }}}'), {});
  const broken = '{\n  "replicas": <count>\n  "owner": "ops"\n}';
  const [d] = jsonFindings(broken).diagnostics!;
  assert.equal(d.code, 'json/syntax');
  assert.equal(d.span.start, broken.indexOf('"owner"'), 'located in the text as written');
});

test('JSON comments are one warning with a jsonc retag; trailing commas are errors with their fix', () => {
  const commented = '{\n  // the ledger service\n  "replicas": 3, /* per zone */\n  "zones": ["a", "b"]\n}';
  const cs = jsonFindings(commented).diagnostics!;
  assert.deepEqual(cs.map((d) => [d.code, d.severity]), [['json/syntax', 2]]);
  assert.equal(cs[0].span.start, commented.indexOf('//'));
  assert.match(cs[0].message, /no comments/);
  assert.deepEqual(cs[0].fixes![0].edits, [{ infoString: 'jsonc' }]);
  const alsoBroken = '{\n  // the ledger service\n  "replicas": 3\n  "zones": ["a"]\n}';
  const [b] = jsonFindings(alsoBroken).diagnostics!;
  assert.deepEqual([b.severity, b.span.start], [1, alsoBroken.indexOf('"zones"')], 'a real error after a comment is still found');
  assert.deepEqual(jsonFindings('{"url": "http://ledger:8080/health"}'), {}, '// inside a string is text');
  const trailing = '{\n  "replicas": 3,\n}';
  const [t] = jsonFindings(trailing).diagnostics!;
  assert.match(t.message, /no comma before `}`/);
  const edit = t.fixes![0].edits[0] as { span: { start: number; end: number }; newText: string };
  assert.equal(trailing.slice(0, edit.span.start) + trailing.slice(edit.span.end), '{\n  "replicas": 3\n}');
});

test('the command that printed the YAML or JSON, with its `$ ` prompt, heads the block: the rest is checked', () => {
  assert.deepEqual(yamlFindings('$ kubectl get configmap ledger -o yaml\napiVersion: v1\nkind: ConfigMap\ndata:\n  retries: "3"\n'), {});
  assert.deepEqual(jsonFindings('$ curl -s localhost:8080/health\n{\n  "status": "ok"\n}'), {});
  const broken = '$ curl -s localhost:8080/health\n{\n  "status": "ok"\n  "db": "up"\n}';
  const [d] = jsonFindings(broken).diagnostics!;
  assert.equal(d.span.start, broken.indexOf('"db"'));
});

test('Python and JavaScript literals pasted as JSON are errors that say what JSON wants', () => {
  assert.match(jsonFindings("{'status': 'ok'}").diagnostics![0].message, /double quotes, not single/);
  assert.match(jsonFindings('{\n  status: "ok"\n}').diagnostics![0].message, /keys take double quotes/);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { guessContentLanguage } from '../../../server/src/blocks/contentLanguage';
import { languageMismatchFindings } from '../../../server/src/blocks/languageMismatch';
import type { CodeBlock } from '../../../server/src/model/types';

const kind = (body: string) => guessContentLanguage(body).kind;
const block = (body: string, rawLang = 'bash'): Pick<CodeBlock, 'body' | 'lang' | 'rawLang' | 'kind'> =>
  ({ body, rawLang, lang: rawLang === '' ? 'none' : 'shell', kind: 'fenced' });

test('content is judged by shape', () => {
  assert.equal(kind('{\n  "status": "healthy",\n  "hash": "0x1234…"\n}'), 'json');
  assert.equal(kind('[\n  {"id": 1},\n  ...\n]'), 'json', 'elisions are tolerated');
  assert.equal(kind('{\n  // the response\n  "status": "ok",\n  "items": [1, 2],\n}'), 'json', 'comments and trailing commas');
  assert.equal(kind('/var/log/app/*.log {\n    daily\n    rotate 7\n    postrotate\n        systemctl reload app\n    endscript\n}'), 'config');
  assert.equal(guessContentLanguage('server {\n  listen 80;\n  location / {\n    proxy_pass http://app;\n  }\n}').infoString, 'nginx');
  assert.equal(kind('0 2 * * * /usr/local/bin/backup.sh >> /var/log/backup.log 2>&1'), 'config');
  assert.equal(kind('storage:\n  type: badger\n  dir: /var/lib/app'), 'yaml');
  assert.equal(kind('NAME        READY   STATUS    RESTARTS   AGE\napi-7d9c    1/1     Running   0          3d'), 'output');
  assert.equal(kind('=== RUN   TestSmoke\n--- PASS: TestSmoke (5.23s)'), 'output');
  assert.equal(kind('kubectl get pods -n prod\nkubectl logs api-0 -n prod | grep ERROR'), 'shell');
});

test('shell constructs are not mistaken for other languages', () => {
  for (const body of [
    'deploy() {\n  kubectl apply -f app.yaml\n}\ndeploy',
    'function deploy {\n  kubectl apply -f app.yaml\n}',
    '{ echo a; echo b; } > out.txt',
    '{\n  echo a\n  echo b\n} > out.txt',
    '[ -f /etc/app.conf ] && cat /etc/app.conf',
    'if [ -z "$X" ]; then\n  echo unset\nfi',
    'echo "key: value"\necho "other: thing"',
  ]) assert.ok(['shell', 'unknown'].includes(kind(body)), `${body} -> ${kind(body)}`);
});

test('a bash block holding JSON gets a warning with a retag fix', () => {
  const f = languageMismatchFindings(block('{"error": {"code": -32602, "message": "bad"}}'));
  assert.equal(f.diagnostics?.length, 1);
  assert.equal(f.diagnostics![0].severity, 2);
  assert.equal(f.diagnostics![0].code, 'block/language-mismatch');
  assert.deepEqual(f.diagnostics![0].fixes![0].edits, [{ infoString: 'json' }]);
});

test('JSON pasted under its command is named; the fix comments it out', () => {
  const body = 'curl http://localhost:8080/stats\n\n# Expected response\n{\n  "running": true,\n  "stats": {\n    "size": 150\n  }\n}';
  const [d] = languageMismatchFindings(block(body)).diagnostics!;
  assert.equal(body.slice(d.span.start, d.span.end), body.slice(body.indexOf('{')));
  let fixed = body;
  for (const e of [...(d.fixes![0].edits as { span: { start: number; end: number }; newText: string }[])].reverse()) {
    fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
  }
  assert.ok(fixed.endsWith('# Expected response\n# {\n#   "running": true,\n#   "stats": {\n#     "size": 150\n#   }\n# }'), fixed);
  assert.deepEqual(languageMismatchFindings(block(fixed)), {});
});

test('JSON inside quotes or here-documents is a payload, not output', () => {
  const body = "curl -X POST http://x -d '[\n  {\n    \"a\": 1\n  }\n]'\ncat <<EOF > req.json\n{\n  \"b\": 2\n}\nEOF";
  assert.deepEqual(languageMismatchFindings(block(body)), {});
});

test('an untagged block of commands is offered bash; a session is offered console', () => {
  const f = languageMismatchFindings(block('kubectl get pods -n prod\nhelm list -n prod', ''));
  assert.equal(f.diagnostics![0].severity, 4);
  assert.deepEqual(f.diagnostics![0].fixes![0].edits, [{ infoString: 'bash' }]);
  const s = languageMismatchFindings(block('$ kubectl get pods\nNAME   READY\napi    1/1', ''));
  assert.deepEqual(s.diagnostics![0].fixes![0].edits, [{ infoString: 'console' }]);
  assert.deepEqual(languageMismatchFindings(block('Chain ID: local\nHeight: 15', '')), {});
});

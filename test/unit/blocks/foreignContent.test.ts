// Content that is not what its fence says is reported once, as block/language-mismatch, and then
// checked as what it is: PromQL as PromQL, output not at all, console HTTP requests by their JSON
// bodies. Through the real pipeline, as the editor and the CLI run it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { guessContentLanguage } from '../../../server/src/blocks/contentLanguage';

const fence = (tag: string, body: string) => `# Step\n\n\`\`\`${tag}\n${body}\n\`\`\`\n`;

async function check(tag: string, body: string) {
  const { analysis } = await analyzeText(fence(tag, body), { includeSlow: true });
  return analysis.diagnostics.map((d) => ({ ...d, line: d.range.start.line - 3 }));
}

const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code));

test('PromQL under console, sh or bash: one mismatch with a promql retag, no shell findings', async () => {
  for (const tag of ['console', 'sh', 'bash']) {
    const ds = await check(tag, 'sum by (namespace) (\n  rate(container_cpu_usage_seconds_total{container!=""}[5m])\n) > 0.5');
    assert.deepEqual(codes(ds), ['block/language-mismatch'], tag);
    assert.equal(ds[0].severity, 2);
    assert.match(ds[0].message, /PromQL/);
    const fixes = (ds[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes;
    assert.equal(fixes[0].edits[0].newText, 'promql');
  }
});

test('PromQL under a shell tag is checked as PromQL: a `//` comment is an error with a `#` fix', async () => {
  const ds = await check('console', '// restarts in the last hour\ntopk(5, increase(kube_pod_container_status_restarts_total[1h]))');
  assert.deepEqual(codes(ds), ['block/language-mismatch', 'promql/syntax']);
  const err = ds[1];
  assert.equal(err.severity, 1);
  assert.equal(err.line, 0);
  assert.match(err.message, /no `\/\/` comments/);
  assert.equal((err.data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, '#');
  const broken = await check('sh', 'sum(rate(node_network_receive_errs_total{device="eth0"}[5m])');
  assert.deepEqual(codes(broken), ['block/language-mismatch', 'promql/syntax'], 'an unclosed call is a PromQL error, not a shell one');
});

test('shell that only resembles PromQL stays shell', () => {
  for (const body of [
    'kubectl get pods -l "app in (web, api)"',
    'echo "rate(http_requests_total[5m])"',
    'curl -s "http://prometheus:9090/api/v1/query" --data-urlencode \'query=up{job="node"}\'',
    'count=$(wc -l < /var/log/app.log)',
    'sort -n sizes.txt | head',
    'awk \'{ sum += $2 } END { print sum }\' usage.txt',
    'deploy() {\n  helm upgrade app ./chart\n}',
    'up',
  ]) assert.notEqual(guessContentLanguage(body).kind, 'promql', body);
});

test('program output under bash: "looks like program output", no shell errors', async () => {
  for (const body of [
    'total 12\ndrwxr-xr-x  3 deploy  deploy  4096 Mar  2 09:14 .\n-rw-r--r--  1 deploy  deploy   220 Mar  2 09:14 .env',
    'error: the server doesn\'t have a resource type "gateways"',
    'NAME        READY\ncache-0     1/1\ncache-1     0/1',
    'HEALTH_WARN 2 nearfull osd(s)\n2 nearfull osd(s)',
    '3 full osd(s)',
    'Error from server (NotFound): deployments.apps "billing" not found',
    // No tell-tale first line: ceph status, kubectl describe, df -h, kubectl's one-line results.
    '  cluster:\n    id:     0f3c9a7e-1111-4c2d-9e8f-abcdefabcdef\n    health: HEALTH_WARN\n            1 nearfull osd(s)\n\n  services:\n    osd: 3 osds: 3 up (since 4h), 3 in (since 4h)',
    'Events:\n  Type     Reason   Age   From     Message\n  ----     ------   ----  ----     -------\n  Warning  Failed   3m    kubelet  Error: ImagePullBackOff',
    'Filesystem      Size  Used Avail Use% Mounted on\n/dev/nvme0n1p1   100G   97G  3.0G  98% /var/lib/ledger',
    'pod "ledger-0" deleted',
    'deployment.apps/ledger restarted',
  ]) {
    const ds = await check('bash', body);
    assert.deepEqual(codes(ds), ['block/language-mismatch'], body);
    assert.match(ds[0].message, /looks like program output/, body);
  }
});

test('output pasted between commands is named once; the commands around it are still checked', async () => {
  const body = [
    'cd /srv/app',
    'ls -l',
    '',
    'total 8',
    '-rw-------  1 app  app  1675 Jan  9 08:00 tls.key',
    '-rw-r--r--  1 app  app  1200 Jan  9 08:00 tls.crt',
    '',
    'kubectl get pods -n billing',
    'NAME        READY   STATUS    RESTARTS   AGE',
    'billing-0   1/1     Running   0          2d',
    'kubectl delete pod billing-0 -n billing',
  ].join('\n');
  const ds = await check('bash', body);
  const mismatches = ds.filter((d) => d.code === 'block/language-mismatch');
  assert.deepEqual(mismatches.map((d) => [d.line, d.range.end.line - 3]), [[3, 5], [8, 9]]);
  assert.ok(!ds.some((d) => d.code === 'SC2215' || d.code === 'shell/syntax'), codes(ds).join());
  assert.ok(ds.some((d) => d.code === 'command/dangerous' && d.line === 10), 'kubectl delete is still caught');
});

test('console HTTP requests: the request line is not a JSON error; the bodies are checked', async () => {
  const request = 'GET orders-*/_search\n{\n  "size": 0,\n  "aggs": {\n    "clients": { "cardinality": { "field": "client.ip" } }\n  }\n}';
  assert.deepEqual(codes(await check('json', request)), []);
  const ds = await check('console', request);
  assert.deepEqual(codes(ds), ['block/language-mismatch']);
  assert.match(ds[0].message, /console HTTP request/);
  const broken = await check('json', 'POST orders/_doc\n{\n  "status": "paid"\n  "total": 12\n}\n\nGET orders/_count');
  assert.deepEqual(codes(broken), ['json/syntax']);
  assert.equal(broken[0].line, 3, 'the error is in the body, at the missing comma');
  assert.deepEqual(codes(await check('json', 'POST _bulk\n{"index": {"_index": "orders"}}\n{"status": "paid"}')), [], 'a bulk body is one document per line');
});

test('YAML and JSON output under bash are mismatches, not shell errors', async () => {
  const yaml = await check('bash', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-settings\ndata:\n  retries: "3"');
  assert.deepEqual(codes(yaml), ['block/language-mismatch']);
  assert.match(yaml[0].message, /YAML/);
  const json = await check('bash', '{\n  "status": "degraded",\n  "checks": ["db", "cache"]\n}');
  assert.deepEqual(codes(json), ['block/language-mismatch']);
});

test('one-line results among commands (a Ceph health summary) are output too', async () => {
  const ds = await check('bash', 'ceph health\nHEALTH_WARN 3 full osd(s)\nceph osd df');
  assert.deepEqual(codes(ds), ['block/language-mismatch']);
  assert.equal(ds[0].line, 1);
  const deleted = await check('bash', 'kubectl delete pod ledger-0 -n ledger\npod "ledger-0" deleted');
  assert.deepEqual(codes(deleted), ['command/dangerous', 'block/language-mismatch']);
});

test('a console DELETE request is dangerous, like curl -X DELETE', async () => {
  const { analysis } = await analyzeText(fence('console', 'GET _cat/indices/orders-*?v\n\nDELETE orders-2023.01\n\nPOST orders-*/_delete_by_query\n{\n  "query": { "term": { "status": "void" } }\n}'));
  assert.deepEqual(analysis.dangers.map((d) => [d.rule, d.range.start.line - 3]), [['http-delete', 2], ['http-delete', 4]]);
  assert.deepEqual(codes(analysis.diagnostics), ['block/language-mismatch', 'command/dangerous', 'command/dangerous']);
});

test('a shell-tagged block far longer than any query is not handed to the PromQL parser', () => {
  // The parser takes seconds on hundreds of kilobytes of near-PromQL; queries are a few lines.
  const huge = 'sum(rate(ledger_requests_total{code="500"}[5m])) or\n'.repeat(600) + 'vector(0)';
  assert.equal(guessContentLanguage(huge.slice(0, 2000).replace(/ or\n[^\n]*$/, '')).kind, 'promql');
  assert.notEqual(guessContentLanguage(huge).kind, 'promql');
});

test('queries typed at `$ ` prompts under console: one mismatch whose fix also drops the prompts; the queries are checked', async () => {
  const body = '$ kube_pod_status_phase{phase="Pending", namespace="billing"} == 1\nkube_pod_status_phase{namespace="billing", phase="Pending", pod="ledger-0"} 1';
  const ds = await check('console', body);
  assert.deepEqual(codes(ds), ['block/language-mismatch']);
  const edits = (ds[0].data as { fixes: { edits: { newText: string; range: { start: { character: number }; end: { character: number } } }[] }[] }).fixes[0].edits;
  assert.deepEqual(edits.map((e) => e.newText), ['promql', '']);
  assert.deepEqual([edits[1].range.start.character, edits[1].range.end.character], [0, 2]);
  assert.deepEqual(codes(await check('console', '$ sum(rate(ledger_errors_total[5m])')), ['block/language-mismatch', 'promql/syntax']);
  assert.deepEqual(codes(await check('console', '$ kubectl get pods -n billing\nNAME       READY\nledger-0   1/1')), [], 'a shell session stays one');
});

test('a command whose last word is a kubectl verb is still a command', () => {
  for (const body of ['ledgerctl created', 'release-tool deleted', 'echo restarted']) assert.notEqual(guessContentLanguage(body).kind, 'output', body);
});

test('an untagged PromQL block is offered the promql tag, as a hint', async () => {
  const ds = await check('', 'histogram_quantile(0.99, sum by (le) (rate(ledger_request_seconds_bucket[5m])))');
  assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['block/language-mismatch', 4]]);
  assert.equal((ds[0].data as { fixes: { edits: { newText: string }[] }[] }).fixes[0].edits[0].newText, 'promql');
});

test('a systemd unit or INI file under bash is a config, not commands', async () => {
  const ds = await check('bash', '[Unit]\nDescription=Ledger replication service\nAfter=network-online.target\n\n[Service]\nExecStart=/usr/local/bin/ledger --replica\nRestart=always');
  assert.deepEqual(codes(ds), ['block/language-mismatch']);
  assert.match(ds[0].message, /INI file or systemd unit/);
  assert.notEqual(guessContentLanguage('[ -f /etc/ledger.conf ] && echo present\nLEDGER=1 ledger --check').kind, 'config');
});

test('YAML output cut short with `...` lines under bash is still YAML', async () => {
  const ds = await check('bash', 'apiVersion: v1\nkind: Pod\n...\nstatus:\n  phase: Running\n  podIP: 10.4.0.12');
  assert.deepEqual(codes(ds), ['block/language-mismatch', 'yaml/elision']);
  assert.match(ds[0].message, /YAML/);
});

test('JSON under bash is checked as JSON once named: a trailing comma is a JSON error, not a shell one', async () => {
  const ds = await check('bash', '{\n  "status": "ok",\n  "db": "up",\n}');
  assert.deepEqual(codes(ds), ['block/language-mismatch', 'json/syntax']);
  assert.match(ds[0].message, /checked as JSON/);
  assert.match(ds[1].message, /no comma before `}`/);
});

test('REST Client style requests: headers after the request line, then the JSON body, checked in ```http', async () => {
  const ok = 'POST https://ledger.example.com/api/v1/replay\nContent-Type: application/json\nAuthorization: Bearer {{token}}\n\n{\n  "from": "2026-01-01T00:00:00Z"\n}';
  assert.deepEqual(codes(await check('http', ok)), []);
  const broken = 'POST https://ledger.example.com/api/v1/replay\nContent-Type: application/json\n\n{\n  "from": "2026-01-01T00:00:00Z"\n  "to": "now"\n}';
  const ds = await check('http', broken);
  assert.deepEqual(codes(ds), ['json/syntax']);
  assert.equal(ds[0].line, 5);
});

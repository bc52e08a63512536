// `runbook report` end to end: steps run by the real CLI in real bash against a workspace whose
// environment uses a real Prometheus; the report is built from the records they wrote.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sax from 'sax';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { scratchDir } from '../run/helpers';
import { RunRecorder } from '../../../server/src/run/records';

const root = join(__dirname, '../../..');
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const skip = prometheusAvailable() ? false : 'prometheus not installed (apt-get install prometheus)';

const DEPLOY_TOKEN = 'dpl-7Hq2-sekrit-Zx9';
const PROM_TOKEN = 'prom-K4v8-sekrit-Lw3';
const SILENCE_SECRET = 'slc-secret-Qm5-value';

const runbook = [
  '# Checkout latency', '',
  '## Diagnose', '',
  '```bash',
  'echo "deploying with $DEPLOY_TOKEN"',
  // Guarded, so a machine without curl runs the step just the same (a failed condition is no failure).
  `! command -v curl >/dev/null || curl -s -o /dev/null "$RUNBOOK_PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=sum(rate(runbook_demo_requests_total[5m]))'`,
  'seq 1 40',
  '```', '',
  '```promql',
  'accumen_mempool_size',
  '```', '',
  '```promql verify timeout=20s every=1s',
  'accumen_mempool_size > 0',
  '```', '',
  '## Remediate', '',
  '```bash',
  'echo restarting',
  'nosuchcommand-xyz --now',
  'echo "done, token $DEPLOY_TOKEN"',
  '```', '',
].join('\n');

let prom: RunningPrometheus;
let ws: string;

// Asynchronous: the exporter Prometheus scrapes lives in this process and must keep answering
// while the CLI runs (spawnSync would block it, and its gauges would go stale).
function cli(args: string[], cwd = ws): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'server/src/cli/main.ts'), ...args], {
      cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DEPLOY_TOKEN, PROM_TOKEN },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function wellFormed(xml: string): void {
  const p = sax.parser(true, {});
  p.onerror = (e: Error) => { throw e; };
  p.write(xml).close();
}

before(async () => {
  if (skip) return;
  prom = await startPrometheus();
  ws = scratchDir('runbook-report-');
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), [
    'environments:', '  staging:', '    secrets: [DEPLOY_TOKEN]', '    prometheus:', `      url: ${prom.url}`, '      auth: { bearer: PROM_TOKEN }', '',
  ].join('\n'));
  writeFileSync(join(ws, 'checkout.md'), runbook);
  const r = await cli(['run', 'checkout.md', '--env', 'staging', '--all']);
  assert.equal(r.code, 127, r.err);
  // A silence, written as the Alertmanager feature will write it, with a secret in its comment
  // (masked by the recorder) and the Prometheus token, which this writer did not know to mask:
  // the report masks every secret the environments name.
  const rec = new RunRecorder(join(ws, '.runbook/runs'));
  const w = await rec.appendEvent({ event: 'silence', action: 'created', time: new Date().toISOString(), environment: 'staging', id: 'b1c2', matchers: ['alertname="CheckoutLatency"'], comment: `muted by bot ${SILENCE_SECRET} ${PROM_TOKEN}` }, [SILENCE_SECRET]);
  assert.ok(w.ok);
});

after(async () => { await prom?.stop(); });

test('the report from real runs: header, timeline in order, failing line, output head and tail, placeholders', { skip }, async () => {
  const r = await cli(['report', '--since', '1h', '--out', 'reports/incident.md']);
  assert.equal(r.code, 0, r.err);
  const md = readFileSync(join(ws, 'reports/incident.md'), 'utf8');
  assert.match(md, /^# Incident report: \d{4}-\d{2}-\d{2} /);
  assert.match(md, /\| Environments \| staging \|/);
  assert.match(md, /\| Runbooks \| checkout\.md \|/);
  assert.match(md, /\| Ran by \| \S+/);
  assert.match(md, /\| Steps \| 4 run, 1 failed \|/);
  const entries = [...md.matchAll(/^### (\d+)\. \d\d:\d\d:\d\d · (.*)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(entries, [
    '1 step 1 · checkout.md › Checkout latency › Diagnose',
    '2 step 2 · checkout.md › Checkout latency › Diagnose',
    '3 step 3 · checkout.md › Checkout latency › Diagnose',
    '4 step 4 · checkout.md › Checkout latency › Remediate',
    '5 silence created (`alertname="CheckoutLatency"`)',
  ]);
  assert.match(md, /First failing line: line 2, `nosuchcommand-xyz --now` \(exit 127\)/);
  assert.match(md, /\*\*⚠ line 2 failed \(exit 127\)\*\* · exit code 0 · /, 'the step went on after the failing line, whose exit code the label names');
  // Output of 41 lines: first 10 and last 10, the count of those between.
  assert.match(md, /Output \(first and last lines of 41\)/);
  assert.match(md, /\n1\n2\n3\n[\s\S]*… 21 lines …\n[\s\S]*\n40\n/);
  assert.match(md, /```promql\naccumen_mempool_size\n```/);
  assert.match(md, /Verification held · \d+ polls? over /);
  for (const h of ['## Impact', '## Root cause', '## Follow-ups']) assert.ok(md.includes(h), h);
  assert.match(md, /`alertname="CheckoutLatency"`/);
});

test('metric snapshots: first and last values from Prometheus, a chart per metric saved next to the report, well-formed SVG', { skip }, async () => {
  const r = await cli(['report', '--since', '1h', '--out', 'snap/incident.md']);
  assert.equal(r.code, 0, r.err);
  const md = readFileSync(join(ws, 'snap/incident.md'), 'utf8');
  const row = (metric: string) => md.split('\n').find((l) => l.startsWith(`| \`${metric}\` |`));
  assert.match(row('accumen_mempool_size') ?? '', /\| staging \| `sum\(accumen_mempool_size\)` \| [\d.,]+ \| [\d.,]+ \|/);
  assert.match(row('runbook_demo_requests_total') ?? '', /`sum\(rate\(runbook_demo_requests_total\[5m\]\)\)` \| [\d.]+/);
  const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => decodeURI(m[1]!));
  assert.equal(images.length, 2);
  for (const img of images) {
    assert.ok(!img.includes('/'), 'the chart is next to the report');
    const svg = readFileSync(join(ws, 'snap', img), 'utf8');
    wellFormed(svg);
    assert.match(svg, /<path d="M[\d.]+ [\d.]+L/);
    assert.match(svg, /stroke="#cf222e"/, 'the failed step is marked');
  }
});

test('no secret appears in the report, its charts or its JSON', { skip }, async () => {
  const r = await cli(['report', '--since', '1h', '--out', 'sec/incident.md']);
  assert.equal(r.code, 0, r.err);
  const files = readdirSync(join(ws, 'sec')).map((f) => readFileSync(join(ws, 'sec', f), 'utf8'));
  const json = await cli(['report', '--since', '1h', '--format', 'json']);
  assert.equal(json.code, 0, json.err);
  assert.ok(files.join('').includes('deploying with ***'), 'the masked secret is in the report as ***');
  for (const text of [...files, json.out]) for (const s of [DEPLOY_TOKEN, PROM_TOKEN, SILENCE_SECRET]) assert.ok(!text.includes(s), `secret ${s} leaked`);
  assert.equal(JSON.parse(json.out).records.length, 5);
});

test('filters and bad input: --runbook, --env, a bad window exits 2 with a message', { skip }, async () => {
  assert.equal(JSON.parse((await cli(['report', '--since', '1h', '--format', 'json', '--env', 'production'])).out).records.length, 0);
  assert.equal(JSON.parse((await cli(['report', '--since', '1h', '--format', 'json', '--runbook', 'checkout.md'])).out).records.length, 4);
  for (const args of [['--since', 'yesterday'], ['--from', '2h', '--to', '3h'], ['--since', '1h', '--from', '2h'], ['--format', 'pdf']]) {
    const r = await cli(['report', ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^runbook report: /);
  }
  assert.ok(!existsSync(join(ws, 'incident.md')));
});

// `runbook check --env <name>` against the real test Prometheus (1 s scrape interval): one test per
// online check, and an environment that does not answer exits 2 with one message.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prometheusAvailable, startPrometheus, freePort, type RunningPrometheus } from '../../support/prometheus';
import { scratchDir } from '../run/helpers';

const root = join(__dirname, '../../..');
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const skip = prometheusAvailable() ? false : 'prometheus not installed (apt-get install prometheus)';

// Alerting rules the server loads: links into the workspace that land, one to a missing heading,
// one to a missing runbook, one to another site (not ours to judge), and one to a missing runbook
// through the hosted repository (ours only with --runbook-url-prefix).
const RULES = `groups:
  - name: checkout
    rules:
      - alert: CheckoutDown
        expr: vector(0) > 1
        annotations: { runbook_url: "checkout.md#diagnose" }
      - alert: CheckoutSlow
        expr: vector(0) > 1
        annotations: { runbook_url: "checkout.md#latency" }
      - alert: CheckoutGone
        expr: vector(0) > 1
        annotations: { runbook_url: "runbooks/gone.md" }
      - alert: Elsewhere
        expr: vector(0) > 1
        annotations: { runbook_url: "https://wiki.other.example/x" }
      - alert: CheckoutHosted
        expr: vector(0) > 1
        annotations: { runbook_url: "https://git.example.com/ops/blob/main/runbooks/moved.md" }
`;

let prom: RunningPrometheus;
let ws: string;

// Asynchronous: the scraped exporter lives in this process and must keep answering.
function check(args: string[], cwd = ws): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'server/src/cli/main.ts'), 'check', '--no-cache', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function workspace(promUrl: string): string {
  const dir = scratchDir('runbook-online-');
  mkdirSync(join(dir, '.runbook'));
  writeFileSync(join(dir, '.runbook/environments.yaml'), `environments:\n  staging:\n    prometheus: ${promUrl}\n`);
  return dir;
}

function runbook(name: string, ...promql: string[]): string {
  writeFileSync(join(ws, name), ['# Checkout', '', ...promql.flatMap((q) => ['```promql', q, '```', '']), ''].join('\n'));
  return name;
}

const lines = (out: string, code: string) => out.split('\n').filter((l) => l.includes(` ${code} `));

before(async () => {
  if (skip) return;
  prom = await startPrometheus({ ruleFiles: { 'checkout.yml': RULES } });
  ws = workspace(prom.url);
  writeFileSync(join(ws, 'checkout.md'), '# Checkout\n\n## Diagnose\n\nLook at the dashboards.\n');
});
after(async () => { await prom?.stop(); });

test('metric with no series: information with did you mean, at the name', { skip }, async () => {
  const f = runbook('unknown.md', 'sum(accumen_mempol_size)', 'accumen_mempool_size');
  const r = await check(['--env', 'staging', f]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(lines(r.out, 'metric/unknown'), ['unknown.md:4:5: information metric/unknown No series named "accumen_mempol_size" in staging. Did you mean "accumen_mempool_size"?']);
  // Without --env the check makes no claim about series.
  assert.deepEqual(lines((await check([f])).out, 'metric/unknown'), []);
});

test('a label no series of the metric has: information at the label name; present labels and != pass', { skip }, async () => {
  const f = runbook('labels.md', 'sum(rate(runbook_demo_requests_total{rout="/healthz", code="500"}[5m]))', 'runbook_demo_requests_total{route!="x", team=""}');
  const r = await check(['--env', 'staging', f]);
  assert.equal(r.code, 0, r.err);
  const found = lines(r.out, 'metric/unknown-label');
  assert.equal(found.length, 1, r.out);
  assert.match(found[0]!, /^labels\.md:4:38: information metric\/unknown-label No series of "runbook_demo_requests_total" in staging has a label "rout".* Its labels: .*"route"/);
});

test('a rate window under twice the scrape interval (1 s here): warning at the window', { skip }, async () => {
  const f = runbook('window.md', 'rate(runbook_demo_requests_total[1500ms]) + rate(runbook_demo_requests_total[10s])');
  const r = await check(['--env', 'staging', f]);
  assert.equal(r.code, 0, r.err);
  const found = lines(r.out, 'promql/rate-window');
  assert.equal(found.length, 1, r.out);
  assert.match(found[0]!, /^window\.md:4:34: warning promql\/rate-window rate\(\) over \[1500ms\] is shorter than twice the scrape interval of job "exporter" \(1s\)/);
});

test('rate on a gauge (by metadata): warning; on counters and histogram series none', { skip }, async () => {
  const f = runbook('counter.md', 'rate(accumen_mempool_size[5m])', 'rate(runbook_demo_requests_total[5m]) + rate(runbook_demo_request_duration_seconds_count[5m])', 'deriv(accumen_mempool_size[5m])');
  const r = await check(['--env', 'staging', f]);
  assert.equal(r.code, 0, r.err);
  const found = lines(r.out, 'promql/rate-non-counter');
  assert.equal(found.length, 1, r.out);
  assert.match(found[0]!, /^counter\.md:4:\d+: warning promql\/rate-non-counter rate\(\) expects a counter, but "accumen_mempool_size" is a gauge in staging/);
});

test('live alerting rules whose runbook_url misses a heading or a runbook: warnings on the runbook and on the environment', { skip }, async () => {
  const r = await check(['--env', 'staging', 'checkout.md']);
  assert.equal(r.code, 0, r.err);
  const found = lines(r.out, 'alert/runbook-link');
  assert.equal(found.length, 2, r.out);
  assert.match(found[0]!, /^checkout\.md:1:1: warning alert\/runbook-link Alert CheckoutSlow, loaded in staging's Prometheus: `runbook_url` points to heading #latency in checkout\.md, which has no such heading\./);
  assert.match(found[1]!, /^\.runbook\/environments\.yaml:2:1: warning alert\/runbook-link Alert CheckoutGone, loaded in staging's Prometheus: `runbook_url` points to runbooks\/gone\.md, which is not in the workspace/);
  assert.ok(!r.out.includes('Elsewhere') && !r.out.includes('CheckoutDown'));
});

test('--runbook-url-prefix: a rule linking through the hosted repository is read as this workspace (as the editor setting does)', { skip }, async () => {
  const prefix = 'https://git.example.com/ops/blob/main/';
  const r = await check(['--env', 'staging', '--runbook-url-prefix', prefix, '--runbook-url-prefix=https://unused.example/x/', 'checkout.md']);
  assert.equal(r.code, 0, r.err);
  const found = lines(r.out, 'alert/runbook-link');
  assert.equal(found.length, 3, r.out);
  // Without the prefix the URL is another site's (its path names no runbook here): not judged.
  assert.ok(found.some((l) => /^\.runbook\/environments\.yaml:2:1: warning alert\/runbook-link Alert CheckoutHosted, .*points to runbooks\/moved\.md, which is not in the workspace/.test(l)), r.out);
  const bad = await check(['--env', 'staging', '--runbook-url-prefix', 'git.example.com/ops', 'checkout.md']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--runbook-url-prefix expects an http\(s\) URL/);
});

test('online findings in SARIF and GitHub formats too', { skip }, async () => {
  const f = runbook('formats.md', 'rate(accumen_mempool_size[5m])');
  const sarif = JSON.parse((await check(['--env', 'staging', '--format', 'sarif', f])).out);
  assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'promql/rate-non-counter'));
  const gh = await check(['--env', 'staging', '--format', 'github', f]);
  assert.match(gh.out, /^::warning file=formats\.md,line=4,.*title=promql\/rate-non-counter::/m);
});

test('environment down: one clear message, exit 2, and no "no errors" claim', { skip }, async () => {
  const down = workspace(`http://127.0.0.1:${await freePort()}`);
  writeFileSync(join(down, 'x.md'), '# X\n\n```promql\nrate(up[5m])\n```\n');
  for (const format of ['text', 'sarif', 'github']) {
    const r = await check(['--env', 'staging', '--format', format, 'x.md'], down);
    assert.equal(r.code, 2, `${format}: ${r.err}`);
    assert.equal(r.out, '', 'no findings are printed, so nothing reads as clean');
    assert.match(r.err, /^runbook check: environment 'staging' \(http:\/\/127\.0\.0\.1:\d+\) cannot be reached: .*No online check ran\.$/m);
    assert.doesNotMatch(r.err, /0 error/);
  }
  const unknown = await check(['--env', 'nope', 'x.md'], down);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no environment 'nope'/);
});

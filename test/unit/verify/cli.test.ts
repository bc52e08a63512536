// `runbook run --all` with a verification step against a real Prometheus: it stops there with the
// condition and its last value, exit 1; a bad option is refused before anything runs.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';

const repo = join(import.meta.dirname, '../../..');
const skip = prometheusAvailable() ? false : 'prometheus/promtool not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
const dir = mkdtempSync(join(tmpdir(), 'runbook-verify-cli-'));

before(async () => {
  if (skip) return;
  prom = await startPrometheus({ backfill: false });
  mkdirSync(join(dir, '.runbook'));
  writeFileSync(join(dir, '.runbook/environments.yaml'), `environments:\n  staging:\n    prometheus:\n      url: ${prom.url}\n`);
  writeFileSync(join(dir, 'fix.md'), '# Fix\n\n```bash\necho restarted\n```\n\n```promql verify timeout=2s every=1s\naccumen_mempool_size > 1e12\n```\n\n```bash\necho never-reached\n```\n');
  writeFileSync(join(dir, 'bad.md'), '# Fix\n\n```bash\necho first\n```\n\n```promql verify wait=5m\nup == 1\n```\n');
});
after(async () => { await prom?.stop(); rmSync(dir, { recursive: true, force: true }); });

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(repo, 'server/src/cli/main.ts'), 'run', ...args.map(a => a.endsWith('.md') ? join(dir, a) : a), '--records-dir', join(dir, 'runs')], { cwd: repo });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('Run all stops at a failed verification: its label, the step after never runs, exit 1, the record keeps the last value', { skip }, async () => {
  const r = await cli(['fix.md', '--env', 'staging', '--all']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /restarted\n/);
  assert.match(r.stdout, /Verifying \(polls every 1\.0s, up to 2\.0s\): accumen_mempool_size > 1e12\n {2}… [\d.]+m?s: accumen_mempool_size > 1e12 is [\d,.]+K?, needs > 1e12\n/);
  assert.match(r.stderr, /✗ not verified: accumen_mempool_size > 1e12 is [\d,.]+K?, needs > 1e12\n/);
  assert.match(r.stderr, /stopped after step 2: 1 step\(s\) not run/);
  assert.doesNotMatch(r.stdout, /never-reached/);
  const file = readdirSync(join(dir, 'runs'))[0];
  const recs = readFileSync(join(dir, 'runs', file), 'utf8').trim().split('\n').map(l => JSON.parse(l));
  assert.equal(recs.at(-1).verification.condition, 'accumen_mempool_size > 1e12');
  assert.match(recs.at(-1).verification.lastValue, /, needs > 1e12$/);
});

test('a bad verify option: refused with its message before any step of the run, exit 2', { skip }, async () => {
  const r = await cli(['bad.md', '--env', 'staging', '--all']);
  assert.equal(r.code, 2);
  assert.doesNotMatch(r.stdout, /first/);
  assert.match(r.stderr, /step 2: `wait=5m` in `promql verify wait=5m` is not an option of verify/);
});

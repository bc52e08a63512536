// `runbook symptoms` against a real Prometheus: the table, JSON, and the exit codes a webhook or a
// CI job reads (1 when a symptom is present).
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';

const repo = join(import.meta.dirname, '../../..');
const skip = prometheusAvailable() ? false : 'prometheus/promtool not installed (apt-get install prometheus)';
let prom: RunningPrometheus;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runbook-symptoms-'));
  if (skip) return;
  prom = await startPrometheus({ backfill: false });
  mkdirSync(join(dir, '.runbook'));
  writeFileSync(join(dir, '.runbook/environments.yaml'), `environments:\n  staging:\n    prometheus:\n      url: ${prom.url}\n  production:\n    protected: true\n    secrets: [DEPLOY_TOKEN]\n    prometheus:\n      url: ${prom.url}\n  bare: {}\n`);
  writeFileSync(join(dir, 'present.md'), '# X\n\n## Symptoms\n\n- [ ] `treasury_disbursement_backlog >= 0` for 2+ epochs\n- [ ] `accumen_mempool_size > 1e12`\n- [ ] Executor reports `last_error != null`\n');
  writeFileSync(join(dir, 'absent.md'), '# X\n\n- `accumen_mempool_size > 1e12`\n');
  writeFileSync(join(dir, 'broken.md'), '# X\n\n- `accumen_mempool_size > 1e12`\n- `sum(treasury_disbursement_backlog + ignoring(queue) treasury_disbursement_backlog) > 0`\n');
});
after(async () => { await prom?.stop(); rmSync(dir, { recursive: true, force: true }); });

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(repo, 'server/src/cli/main.ts'), 'symptoms', ...args.map(a => a.endsWith('.md') ? join(dir, a) : a)], { cwd: repo, env: { ...process.env, DEPLOY_TOKEN: '' } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('a present symptom: the table with line, result and condition, exit 1', { skip }, async () => {
  const r = await cli(['present.md', '--env', 'staging']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^\S*present\.md on staging \(2 symptoms, \d+ ms\)\n/);
  assert.match(r.stdout, /\n {4}5 {2}treasury_disbursement_backlog >= 0 {2}● present \(2 series, max \d+\)\n/);
  assert.match(r.stdout, /\n {4}6 {2}accumen_mempool_size > 1e12 {4,}○ absent\n/);
  assert.doesNotMatch(r.stdout, /last_error/);
});

test('JSON: each symptom with its state and series; a protected environment needs no confirmation, and run-time secrets are not asked', { skip }, async () => {
  const r = await cli(['present.md', '--env', 'production', '--format', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout) as { env: string; symptoms: { line: number; state: string; series?: { labels: Record<string, string> }[] }[] };
  assert.equal(j.env, 'production');
  assert.deepEqual(j.symptoms.map(s => [s.line, s.state]), [[5, 'present'], [6, 'absent']]);
  assert.deepEqual(j.symptoms[0].series!.map(s => s.labels.queue).sort(), ['payroll', 'vendor']);
});

test('none present: exit 0; one not evaluable: exit 3 with the reason', { skip }, async () => {
  assert.equal((await cli(['absent.md', '--env', 'staging'])).code, 0);
  const r = await cli(['broken.md', '--env', 'staging']);
  assert.equal(r.code, 3, r.stdout);
  assert.match(r.stdout, /\? could not evaluate: .*(many-to-many|duplicate series)/);
});

test('usage errors: unknown environment, no Prometheus, bad format: exit 2 with a message', async () => {
  if (skip) writeFileSync(join(dir, 'absent.md'), '# X\n');
  const unknown = await cli(['absent.md', '--env', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no environment 'nope'/);
  if (!skip) {
    const bare = await cli(['absent.md', '--env', 'bare']);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /has no Prometheus/);
  }
  const fmt = await cli(['absent.md', '--format', 'xml']);
  assert.equal(fmt.code, 2);
  assert.match(fmt.stderr, /--format expects text or json/);
});

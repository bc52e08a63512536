// Symptom checks and silences in the incident report's timeline: a real `runbook symptoms --env`
// against a real Prometheus writes its round as a run record, silences are written in the shape
// the alert lens's commands write them, and `runbook report` shows both as timeline entries.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from '../../support/prometheus';
import { scratchDir } from '../run/helpers';
import { RunRecorder } from '../../../server/src/run/records';

const root = join(__dirname, '../../..');
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const skip = prometheusAvailable() ? false : 'prometheus not installed (apt-get install prometheus)';
const PROM_TOKEN = 'prom-T9q-sekrit-Vb2';
const SILENCE_SECRET = 'slc-hush-Rk7-value';

let prom: RunningPrometheus;
let ws: string;

// Asynchronous: the exporter Prometheus scrapes lives in this process and must keep answering.
function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'server/src/cli/main.ts'), ...args], {
      cwd: ws, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PROM_TOKEN },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

before(async () => {
  if (skip) return;
  prom = await startPrometheus({ backfill: false });
  ws = scratchDir('runbook-timeline-');
  mkdirSync(join(ws, '.runbook'));
  writeFileSync(join(ws, '.runbook/environments.yaml'), ['environments:', '  staging:', '    prometheus:', `      url: ${prom.url}`, '      auth: { bearer: PROM_TOKEN }', ''].join('\n'));
  writeFileSync(join(ws, 'backlog.md'), [
    '# Disbursement backlog', '', '## Symptoms', '',
    '- `treasury_disbursement_backlog >= 0`', '- `accumen_mempool_size >= 0`', '- `accumen_mempool_size > 1e12`', '',
  ].join('\n'));
});
after(async () => { await prom?.stop(); });

test('runbook symptoms --env and silences show in the report timeline: N of M present, matchers, until, by', { skip }, async () => {
  const s = await cli(['symptoms', 'backlog.md', '--env', 'staging']);
  assert.equal(s.code, 1, s.err + s.out);
  const rec = new RunRecorder(join(ws, '.runbook/runs'));
  const ranBy = { user: 'alice', email: 'alice@example.com' };
  const endsAt = new Date(Date.now() + 3600_000).toISOString();
  assert.ok((await rec.appendEvent({ event: 'silence', action: 'created', time: new Date().toISOString(), environment: 'staging', runbook: 'backlog.md', id: 'a1', matchers: ['alertname="DisbursementBacklog"'], endsAt, comment: `paged ${SILENCE_SECRET}`, ranBy }, [SILENCE_SECRET])).ok);
  assert.ok((await rec.appendEvent({ event: 'silence', action: 'expired', time: new Date(Date.now() + 1000).toISOString(), environment: 'staging', runbook: 'backlog.md', id: 'a1', matchers: ['alertname="DisbursementBacklog"'], ranBy })).ok);

  const r = await cli(['report', '--since', '1h', '--out', 'incident.md']);
  assert.equal(r.code, 0, r.err);
  const md = readFileSync(join(ws, 'incident.md'), 'utf8');
  const entries = [...md.matchAll(/^### \d+\. \d\d:\d\d:\d\d · (.*)$/gm)].map((m) => m[1]);
  assert.equal(entries.length, 3, md);
  assert.equal(entries[0], 'symptom check: 2 of 3 present (`treasury_disbursement_backlog >= 0`, `accumen_mempool_size >= 0`) · backlog.md');
  assert.equal(entries[1], `silence created (\`alertname="DisbursementBacklog"\`, until ${endsAt}, by alice (alice@example.com)) · backlog.md`);
  assert.equal(entries[2], 'silence expired (`alertname="DisbursementBacklog"`, by alice (alice@example.com)) · backlog.md');
  assert.match(md, /- line 7: `accumen_mempool_size > 1e12` ○ absent/);
  assert.match(md, /- line 5: `treasury_disbursement_backlog >= 0` ● present \(2 series, max [\d.]+\)/);
  const records = readdirSync(join(ws, '.runbook/runs')).map((f) => readFileSync(join(ws, '.runbook/runs', f), 'utf8')).join('');
  for (const secret of [PROM_TOKEN, SILENCE_SECRET]) {
    assert.ok(!records.includes(secret), `${secret} in the records`);
    assert.ok(!md.includes(secret), `${secret} in the report`);
  }
});

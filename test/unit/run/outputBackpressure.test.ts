// A step that prints far more than its reader takes: the CLI must slow the step down, not buffer
// the output (1 GB into a slow pipe reached 1.16 GB RSS and crashed with ENOBUFS).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './helpers';

const root = join(__dirname, '../../..');
const MB = 1024 * 1024;

test('the CLI into a slow reader: a step printing 256 MB keeps the CLI under a fixed memory bound, and every byte arrives', { timeout: 180_000 }, async () => {
  const dir = scratchDir('runbook-cli-flood-');
  const file = join(dir, 'flood.md');
  writeFileSync(file, '# Flood\n\n```bash\nhead -c 268435456 /dev/zero | tr "\\0" "a"\n```\n');
  const cli = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/main.ts'), 'run', file, '--env', 'local', '--block', '1', '--records-dir', join(dir, 'records')],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: dir } });
  let peakKb = 0;
  const sample = setInterval(() => {
    try { peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${cli.pid}/status`, 'utf8'))?.[1] ?? 0)); } catch { /* exited */ }
  }, 100);
  const exited = new Promise<number | null>((r) => cli.on('exit', r));
  let bytes = 0, stderr = '';
  cli.stderr.on('data', (b) => { stderr += b; });
  // A slow reader: nothing for 4 s, then everything.
  cli.stdout.pause();
  await new Promise((r) => setTimeout(r, 4000));
  cli.stdout.on('data', (b: Buffer) => { bytes += b.length; });
  cli.stdout.resume();
  const code = await exited;
  clearInterval(sample);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(code, 0, stderr);
  // Every byte, plus the newline the CLI adds to end an unfinished last line.
  assert.ok(bytes === 256 * MB || bytes === 256 * MB + 1, `${bytes} bytes arrived`);
  // The CLI's own baseline (node + tsx + the analysers) is ~150 MB; buffering would add 256 MB or more.
  assert.ok(peakKb * 1024 < 280 * MB, `peak RSS ${Math.round(peakKb / 1024)} MB`);
});

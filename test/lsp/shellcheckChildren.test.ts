// ShellCheck processes end with the server: on shutdown/exit, and when the server is terminated.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tools/lspClient';

/** A shellcheck that answers --version and then hangs on every check, with a helper of its own. */
function hangingShellcheck(): { path: string; started: () => number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-sc-children-'));
  const pids = join(dir, 'pids'), path = join(dir, 'shellcheck');
  writeFileSync(path, `#!/bin/bash\n[ "$1" = --version ] && { echo 'version: 0.9.0'; exit 0; }\nsleep 1000 &\necho "$$ $!" >> '${pids}'\nwait\n`, { mode: 0o755 });
  return { path, started: () => existsSync(pids) ? readFileSync(pids, 'utf8').trim().split(/\s+/).map(Number) : [] };
}

function isLive(pid: number): boolean {
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
}

async function until(pred: () => boolean, ms: number): Promise<void> {
  for (const t0 = Date.now(); !pred(); await new Promise((r) => setTimeout(r, 50))) if (Date.now() - t0 > ms) throw new Error('timed out waiting');
}

for (const how of ['shutdown and exit', 'SIGTERM'] as const) {
  test(`ShellCheck children end with the server (${how})`, { timeout: 30_000 }, async () => {
    const sc = hangingShellcheck();
    const s = await startServer({ initializationOptions: { settings: { shellcheck: { path: sc.path } } } });
    s.open('file:///tmp/sc-children.md', '# Restart\n\n```bash\necho "$HOME"\n```\n');
    await until(() => sc.started().length >= 2, 15_000);
    const exited = new Promise((r) => s.proc.once('exit', r));
    if (how === 'SIGTERM') s.proc.kill('SIGTERM'); else await s.stop();
    await exited;
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of sc.started()) assert.ok(!isLive(pid), `ShellCheck pid ${pid} outlived the server`);
  });
}

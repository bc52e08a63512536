// Starts a real Alertmanager (Debian's `prometheus-alertmanager`) for tests and the demo: free
// loopback port, clustering off, temporary storage, one receiver that sends nowhere. Silences
// created through its API v2 are real ones. Killed on stop(), on exit, and by a watchdog shell
// if this Node process dies without running its exit handlers.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killAndWait } from './prometheus';

export const ALERTMANAGER_BINARY = '/usr/bin/prometheus-alertmanager';

export interface RunningAlertmanager {
  url: string;
  /** host:port, for Prometheus's `alerting:` config. */
  target: string;
  stop(): Promise<void>;
}

const live = new Set<() => void>();
process.once('exit', () => { for (const kill of live) kill(); });

const CONFIG = [
  'route:',
  '  receiver: nowhere',
  '  group_wait: 1s',
  '  group_interval: 1s',
  'receivers:',
  '  - name: nowhere',
  '',
].join('\n');

export function alertmanagerAvailable(binary = ALERTMANAGER_BINARY): boolean {
  return spawnSync(binary, ['--version']).status === 0;
}

export async function startAlertmanager(opts: { readyTimeoutMs?: number; binary?: string } = {}): Promise<RunningAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-am-'));
  writeFileSync(join(dir, 'alertmanager.yml'), CONFIG);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(opts.binary ?? ALERTMANAGER_BINARY, [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=', // one node: no gossip port to collide with other tests
      '--log.level=warn',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-4000); });
    const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`], { stdio: 'ignore' });
    const kill = () => { child.kill('SIGKILL'); watchdog.kill('SIGKILL'); };
    live.add(kill);
    const url = `http://127.0.0.1:${port}`;
    let exited = false;
    child.once('exit', () => { exited = true; });
    const stopChild = async () => { live.delete(kill); watchdog.kill('SIGKILL'); await killAndWait(child); };
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
    while (Date.now() < deadline && !exited) {
      try { if ((await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) })).ok) return { url, target: `127.0.0.1:${port}`, stop: async () => { await stopChild(); rmSync(dir, { recursive: true, force: true }); } }; } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    lastError = new Error(`alertmanager at ${url} did not start: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    await stopChild();
    if (!/address already in use/.test(stderr)) break;
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

// Starts a real Prometheus for tests, the demo and the benchmark: own config, free loopback port,
// temporary TSDB, 1 s scrape interval. Resolves once every target is up and has samples.
// Cleanup is guaranteed three ways: stop(), process exit, and a watchdog shell that kills
// Prometheus if this Node process dies without running its exit handlers (SIGKILL).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBackfill } from './backfill';
import { startExporter, type Exporter } from './exporter';

export { startExporter, type Exporter } from './exporter';

export interface StartPrometheusOptions {
  /** host:port targets to scrape. When omitted, a fresh exporter is started and scraped. */
  scrapeTargets?: string[];
  /** Write an hour of the exporter's history before starting, so trends have data (default true). */
  backfill?: boolean;
  /** How long to wait for readiness (ms, default 30 000). */
  readyTimeoutMs?: number;
  binary?: string;
  /** Rule files to load (file name → YAML with `groups:`), evaluated every second. */
  ruleFiles?: Record<string, string>;
  /** host:port of Alertmanagers to send alerts to. */
  alertmanagers?: string[];
}

export interface RunningPrometheus {
  url: string;
  /** The exporter started for this instance, when no scrapeTargets were given. */
  exporter?: Exporter;
  stop(): Promise<void>;
}

const live = new Set<() => void>();
process.once('exit', () => { for (const kill of live) kill(); });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const list = (xs: string[]) => `[${xs.map((t) => JSON.stringify(t)).join(', ')}]`;

function config(targets: string[], ruleFiles: string[], alertmanagers: string[]): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    ...(ruleFiles.length ? [`rule_files: ${list(ruleFiles)}`] : []),
    ...(alertmanagers.length ? ['alerting:', '  alertmanagers:', '    - static_configs:', `        - targets: ${list(alertmanagers)}`] : []),
    'scrape_configs:',
    '  - job_name: exporter',
    '    static_configs:',
    `      - targets: ${list(targets)}`,
    '',
  ].join('\n');
}

export async function startPrometheus(opts: StartPrometheusOptions = {}): Promise<RunningPrometheus> {
  const exporter = opts.scrapeTargets ? undefined : await startExporter();
  const targets = opts.scrapeTargets ?? [exporter!.target];
  removeStaleDirs();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-prom-'));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const dataDir = join(dir, 'data');
  const ruleFiles = Object.entries(opts.ruleFiles ?? {}).map(([name, text]) => { const f = join(dir, name); writeFileSync(f, text); return f; });
  writeFileSync(join(dir, 'prometheus.yml'), config(targets, ruleFiles, opts.alertmanagers ?? []));
  if (exporter && opts.backfill !== false) writeBackfill(dataDir, exporter.start, exporter.target, dir);

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(opts.binary ?? 'prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      '--storage.tsdb.retention.time=1d',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-4000); });
    const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`], { stdio: 'ignore' });
    const kill = () => { child.kill('SIGKILL'); watchdog.kill('SIGKILL'); };
    live.add(kill);
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      live.delete(kill);
      watchdog.kill('SIGKILL');
      await killAndWait(child);
      await exporter?.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      await waitReady(url, child, targets.length, opts.readyTimeoutMs ?? 30_000, () => stderr);
      return { url, exporter, stop };
    } catch (e) {
      lastError = e;
      live.delete(kill);
      watchdog.kill('SIGKILL');
      await killAndWait(child);
      if (!/address already in use/.test(stderr)) break; // only a port race is worth a retry
    }
  }
  await exporter?.stop();
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

/** Temp dirs left by test processes that were killed outright (their owner pid is gone). */
function removeStaleDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('runbook-prom-')) continue;
    const dir = join(tmpdir(), name);
    try {
      const pid = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
      if (pid && !alive(pid)) rmSync(dir, { recursive: true, force: true });
    } catch { /* being created right now, or not ours */ }
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

export function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); setTimeout(() => child.kill('SIGKILL'), 3000).unref(); });
}

async function waitReady(url: string, child: ChildProcess, targets: number, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => { exited = true; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`prometheus exited during start-up: ${stderr().trim().split('\n').slice(-3).join(' | ')}`);
    try {
      // `up == 1` exists per target only after a successful scrape, whose samples are then queryable.
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent('count(up == 1)')}`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) {
        const body = await res.json() as { data: { result: { value: [number, string] }[] } };
        if (Number(body.data.result[0]?.value[1] ?? 0) >= targets) return;
      }
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`prometheus at ${url} not ready within ${timeoutMs} ms: ${stderr().trim().split('\n').slice(-3).join(' | ')}`);
}

/** True when the prometheus and promtool binaries are installed (tests skip with a reason otherwise). */
export function prometheusAvailable(): boolean {
  return spawnSync('prometheus', ['--version']).status === 0 && spawnSync('promtool', ['--version']).status === 0;
}

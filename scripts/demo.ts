// `npm run demo`: the product on the sample runbooks, with live metrics when Prometheus exists.
// 1. builds the bundles; 2. starts Prometheus + the demo exporter if `prometheus` is on PATH, with
// the sample alerting rules (runbooks/rules/) and an Alertmanager when installed, TreasuryStuck firing;
// 3. opens a temporary copy of runbooks/ (see test/support/demoWorkspace.ts) with the extension loaded: desktop VS Code when `code` is on PATH, otherwise
// the web workbench of the test host on 127.0.0.1 (installed on first use), printing its URL.
// Ctrl-C stops everything it started. `--smoke` checks that everything came up, then stops.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { startPrometheus, prometheusAvailable, type RunningPrometheus } from '../test/support/prometheus';
import { prepareDemoWorkspace } from '../test/support/demoWorkspace';
import { alertmanagerAvailable, startAlertmanager, type RunningAlertmanager } from '../test/support/alertmanager';

/** runbooks/rules/*.yml, loaded by the demo Prometheus. */
function sampleRuleFiles(): Record<string, string> {
  const dir = join(root, 'runbooks/rules');
  return existsSync(dir) ? Object.fromEntries(readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).map(f => [f, readFileSync(join(dir, f), 'utf8')])) : {};
}

const root = join(__dirname, '..');
const smoke = process.argv.includes('--smoke');
const stops: (() => Promise<void> | void)[] = [];

function onPath(cmd: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map(d => join(d, cmd)).find(p => existsSync(p));
}

async function stopAll(code: number): Promise<never> {
  for (const stop of stops.reverse()) { try { await stop(); } catch { /* best effort on the way out */ } }
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  if (spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');

  const env: NodeJS.ProcessEnv = { ...process.env };
  let promUrl: string | undefined;
  let amUrl: string | undefined;
  if (prometheusAvailable()) {
    // The sample rules, and an Alertmanager when installed: TreasuryStuck fires ~10 s after start.
    const am: RunningAlertmanager | undefined = alertmanagerAvailable() ? await startAlertmanager() : undefined;
    if (am) { stops.push(() => am.stop()); amUrl = am.url; }
    const prom: RunningPrometheus = await startPrometheus({ ruleFiles: sampleRuleFiles(), alertmanagers: am ? [am.target] : [] });
    stops.push(() => prom.stop());
    prom.exporter?.setGauge('treasury_executor_stuck', 1);
    console.log(am ? `demo: Alertmanager on ${am.url} (silences from the alert lens)` : 'demo: `prometheus-alertmanager` is not installed, so the alert lens offers no silences');
    promUrl = prom.url;
    env.PROMETHEUS_URL = prom.url;
    console.log(`demo: Prometheus on ${prom.url}, scraping the demo exporter; staging and production both use it (hovers show live values)`);
  } else {
    console.log('demo: `prometheus` is not installed, so hovers will explain that no metrics are reachable (apt-get install prometheus for live values)');
  }
  const workspace = prepareDemoWorkspace(join(root, 'runbooks'), promUrl, amUrl);
  stops.push(() => rmSync(dirname(workspace), { recursive: true, force: true }));
  console.log(`demo: working on a copy of runbooks/ in ${workspace} (edits there leave the samples alone)`);

  const code = onPath('code');
  if (code && !smoke) {
    console.log('demo: opening the copy of runbooks/ in desktop VS Code');
    const child: ChildProcess = spawn(code, ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { env, stdio: 'inherit' });
    stops.push(() => { child.kill(); });
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const host = require('../test/e2e/host/workbench.js');
    if (!host.isInstalled()) {
      console.log('demo: installing the VS Code web host (first run only)');
      if (spawnSync('bash', [join(root, 'test/e2e/host/install.sh')], { stdio: 'inherit' }).status !== 0) throw new Error('installing the VS Code host failed');
    }
    const server = await host.startServer({ workspace, env, trust: true });
    stops.push(() => server.stop());
    const url = server.url({ extensionDevelopmentPath: root });
    console.log(`demo: open ${url}`);
    if (smoke) {
      const res = await fetch(url);
      console.log(`demo: workbench answered HTTP ${res.status}`);
      await stopAll(res.ok ? 0 : 1);
    }
  }
  console.log('demo: running; press Ctrl-C to stop everything');
  if (smoke) await stopAll(0);
  await new Promise(() => undefined);
}

main().catch(async (e: unknown) => {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  await stopAll(1);
});

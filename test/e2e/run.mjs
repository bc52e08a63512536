#!/usr/bin/env node
// The e2e suite: builds the extension, bundles the mocha tests and runs them inside a real
// VS Code through @vscode/test-electron's runTests. `npm run test:e2e` ends up here.
//
// usage: node test/e2e/run.mjs [--grep=REGEXP]
// Which VS Code (printed at the start):
//   RUNBOOK_E2E_HOST=code-server  the test host from test/e2e/host (installed on first use): VS Code
//                                 1.100.3's server in headless Chromium, behind a stand-in executable
//   RUNBOOK_E2E_HOST=download     test-electron downloads VS Code 1.100.3 (needs the update host)
//   RUNBOOK_E2E_HOST=installed    the desktop VS Code whose `code` is on PATH
//   unset: `installed` if `code` is on PATH, else `code-server`.
// Two passes: the main one with workspace trust off, then the "[untrusted]" tests with trust on
// and the folder untrusted (code-server host only: test-electron always disables trust on desktop).
// Then the UI check (ui-check.mjs), which saves test-results/ui-run-lens.png (code-server host only).
// The last line is always "N passed, N failed"; the exit code is non-zero if anything failed.
// Nothing hangs: each pass has RUNBOOK_E2E_TIMEOUT (s, default 300), the whole run
// RUNBOOK_E2E_TOTAL_TIMEOUT (s, default 900), after which every process it started is killed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests, TestRunFailedError } from '@vscode/test-electron';

const require = createRequire(import.meta.url);
const { isInstalled } = require('./host/workbench.js');
const { killDescendants } = require('./host/processTree.js');

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = join(root, 'test/e2e');
// Per-run scratch folder: helpers and CI jobs may run the suite at the same time in one checkout.
const runsDir = join(root, '.vscode-test/runs');
const work = join(runsDir, String(process.pid));
const VSCODE_VERSION = '1.100.3'; // what the code-server host runs; engines.vscode is held to it
const grep = process.argv.find(a => a.startsWith('--grep='))?.slice('--grep='.length);
const totalLimitS = Number(process.env.RUNBOOK_E2E_TOTAL_TIMEOUT) || 900;

function finish(passed, failed) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
function abort(reason) {
  console.error(`e2e: ${reason}`);
  finish(0, 1);
}

let stopping = false; // set by the watchdog: start nothing new, it is taking everything down
const watchdog = setTimeout(async () => {
  stopping = true;
  console.error(`e2e: TIMEOUT: the run took longer than ${totalLimitS}s; stopping everything it started`);
  await killDescendants(process.pid);
  finish(0, 1);
}, totalLimitS * 1000);

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

/** The Electron binary behind a `code` CLI on PATH (Linux .deb/.rpm layout: <app>/bin/code -> <app>/code). */
function installedVSCode() {
  const cli = which('code');
  if (!cli) return undefined;
  const app = dirname(dirname(realpathSync(cli)));
  return ['code', 'code-insiders', 'codium'].map(n => join(app, n)).find(existsSync);
}

function chooseHost() {
  const wanted = process.env.RUNBOOK_E2E_HOST || (which('code') ? 'installed' : 'code-server');
  if (wanted === 'installed') {
    const exe = installedVSCode();
    if (exe) return { kind: 'installed', exe, label: `desktop VS Code at ${exe}` };
    console.log('e2e: `code` is on PATH but its Electron binary was not found; using the code-server host');
  }
  if (wanted === 'download') return { kind: 'download', label: `VS Code ${VSCODE_VERSION} downloaded by @vscode/test-electron` };
  if (!isInstalled()) {
    console.log('e2e: test host missing; installing it (bash test/e2e/host/install.sh)');
    const r = spawnSync('bash', [join(here, 'host/install.sh')], { stdio: 'inherit', timeout: 600_000 });
    if (r.status !== 0) abort('installing the test host failed');
  }
  return { kind: 'code-server', exe: join(here, 'host/code-shim.js'), label: `code-server host: VS Code ${VSCODE_VERSION} server in headless Chromium` };
}

/** index.ts and every suite/*.test.ts, bundled side by side (index.js finds the tests next to it). */
async function bundleSuite(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  const suiteDir = join(here, 'suite');
  const entryPoints = readdirSync(suiteDir).filter(f => f === 'index.ts' || f.endsWith('.test.ts')).map(f => join(suiteDir, f));
  await esbuild.build({
    entryPoints, outdir, bundle: true, platform: 'node', target: 'node20', format: 'cjs',
    sourcemap: 'inline', external: ['vscode'], logLevel: 'warning',
    // mocha is bundled in (it is ESM-first now); its parallel-mode worker is never used here.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
}

async function runPass(host, pass, suiteDir) {
  // A fresh copy per pass: tests may edit and save files, and the repository stays clean.
  const workspace = join(work, `workspace-${pass}`);
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(here, 'workspace'), workspace, { recursive: true });
  const resultsFile = join(work, `e2e-results-${pass}.json`);
  rmSync(resultsFile, { force: true });
  const extensionTestsEnv = {
    RUNBOOK_E2E_RESULTS: resultsFile,
    RUNBOOK_E2E_TRUST: pass,
    RUNBOOK_E2E_SCREENSHOT: join(root, 'test-results', `e2e-${pass}-failure.png`),
    ...(grep ? { RUNBOOK_E2E_GREP: grep } : {}),
  };
  console.log(`\n--- e2e pass: ${pass} workspace ---`);
  let exitCode = 0;
  try {
    await runTests({
      ...(host.exe ? { vscodeExecutablePath: host.exe } : { version: VSCODE_VERSION }),
      extensionDevelopmentPath: root,
      extensionTestsPath: join(suiteDir, 'index.js'),
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv,
    });
  } catch (e) {
    if (e instanceof TestRunFailedError) exitCode = e.code ?? 1;
    else { console.error(`e2e: could not start VS Code: ${e?.message ?? e}`); exitCode = 1; }
  }
  if (!existsSync(resultsFile)) {
    console.error(`e2e: the ${pass} pass reported no results (editor exit code ${exitCode})`);
    return { passed: 0, failed: 1, failures: [`${pass} pass: no results`] };
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(`e2e: ${pass} pass ran in VS Code ${r.vscodeVersion} (${r.uiKind}), workspace trusted: ${r.workspaceTrusted}`);
  // First line only: mocha's report above has the diff and the stack.
  const failures = r.tests.filter(t => t.state === 'failed').map(t => `${t.title}: ${String(t.error).split('\n')[0]}`);
  // The editor failing after the tests reported (e.g. a crash on shutdown) still fails the run.
  const failed = Math.max(r.failed, exitCode !== 0 ? 1 : 0);
  if (failed > r.failed) failures.push(`${pass} pass: editor exited with code ${exitCode}`);
  return { passed: r.passed, failed, failures };
}

/** The UI check (ui-check.mjs) counts as one test: the Run lens is drawn, screenshot saved. */
function uiCheck() {
  console.log('\n--- e2e: UI check (Run lens drawn in the workbench) ---');
  const r = spawnSync(process.execPath, [join(here, 'ui-check.mjs'), `--workspace=${join(work, 'ui/runbooks')}`], { stdio: 'inherit', timeout: 240_000 });
  return r.status === 0
    ? { passed: 1, failed: 0, failures: [] }
    : { passed: 0, failed: 1, failures: ['UI check: the Run lens was not shown in the workbench (see test-results/)'] };
}

/** Scratch folders of earlier runs whose process is gone (kept when they failed, for a look). */
function pruneOldRuns() {
  if (!existsSync(runsDir)) return;
  for (const name of readdirSync(runsDir)) {
    const pid = Number(name);
    let alive = false;
    try { process.kill(pid, 0); alive = true; } catch { /* not running */ }
    if (!alive) rmSync(join(runsDir, name), { recursive: true, force: true });
  }
}

async function main() {
  pruneOldRuns();
  mkdirSync(work, { recursive: true });
  // Only what the editor loads; the CLI bundle has its own tests.
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'client', 'server'], { stdio: 'inherit', timeout: 180_000 });
  if (build.status !== 0) abort('building the extension failed');
  if (!existsSync(join(root, 'dist/server.js'))) abort('dist/server.js was not built (server/src/lsp/main.ts missing?)');

  const suiteDir = join(work, 'e2e-suite');
  try { await bundleSuite(suiteDir); } catch { abort('bundling the e2e suite failed'); }

  const host = chooseHost();
  console.log(`e2e: running in ${host.label}`);
  const passes = host.kind === 'code-server' ? ['trusted', 'untrusted'] : ['trusted'];
  if (host.kind !== 'code-server') console.log('e2e: skipping the [untrusted] tests: test-electron always disables workspace trust in desktop VS Code');

  let passed = 0, failed = 0;
  const failures = [];
  for (const pass of passes) {
    if (stopping) return;
    const r = await runPass(host, pass, suiteDir);
    passed += r.passed; failed += r.failed; failures.push(...r.failures);
  }
  if (stopping) return;
  if (host.kind === 'code-server' && !grep) {
    const r = uiCheck();
    passed += r.passed; failed += r.failed; failures.push(...r.failures);
  }
  clearTimeout(watchdog);
  if (!failed) rmSync(work, { recursive: true, force: true });
  if (failures.length) console.log(`\ne2e failures:\n${failures.map(f => `  - ${f}`).join('\n')}`);
  console.log('');
  finish(passed, failed);
}

main().catch(e => abort(e?.message ?? String(e)));

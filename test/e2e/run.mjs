#!/usr/bin/env node
// The e2e suite: builds the extension, bundles the mocha tests and runs them inside a real
// VS Code through @vscode/test-electron's runTests. `npm run test:e2e` ends up here.
//
// usage: node test/e2e/run.mjs [--grep=REGEXP] [--pass=trusted,untrusted,walkthrough,ui,vsix]
// Which VS Code: see host/choose.mjs (RUNBOOK_E2E_HOST); the choice is printed at the start.
// Passes, each a fresh editor on a fresh copy of test/e2e/workspace (suite/index.ts has the tags):
//   trusted    the extension from this checkout, workspace trust off: most tests
//   untrusted  "[untrusted]" tests: trust on, folder untrusted (code-server host only, because
//              test-electron always disables workspace trust in desktop VS Code)
//   walkthrough  walkthrough.ts: an on-call engineer's first five minutes, driven through the
//              workbench's screen (code-server host only); a screenshot per step in
//              test-results/walkthrough/. Each step counts as one test.
//   ui         ui-check.mjs: the Run lens drawn in the workbench, test-results/ui-run-lens.png
//              (not run by default: the walk-through's first step checks the same)
//   vsix       "[vsix]" tests against the packaged extension (npm run package), installed with
//              --install-extension; runs last because packaging rebuilds dist/ for production
// --grep runs the mocha passes only, unless --pass says otherwise.
// The last line is always "N passed, N failed"; the exit code is non-zero if anything failed.
// Nothing hangs: each editor run has RUNBOOK_E2E_TIMEOUT (s, default 300), the whole run
// RUNBOOK_E2E_TOTAL_TIMEOUT (s, default 900), after which every process it started is killed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { chooseHost, installVsix, supportsUntrusted } from './host/choose.mjs';

const require = createRequire(import.meta.url);
const { killDescendants } = require('./host/processTree.js');

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = join(root, 'test/e2e');
// Per-run scratch folder: helpers and CI jobs may run the suite at the same time in one checkout.
const runsDir = join(root, '.vscode-test/runs');
const work = join(runsDir, String(process.pid));
const option = name => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const grep = option('grep');
const wantedPasses = (option('pass') ?? (grep ? 'trusted,untrusted,vsix' : 'trusted,untrusted,walkthrough,vsix')).split(',');
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

/**
 * One editor run. `pass`: { name, trust, devPath, extensionsDir }. The tests write a results file;
 * no file means the editor never got as far as reporting, which counts as a failure.
 */
async function runPass(host, pass, suiteDir) {
  // A fresh copy per pass: tests may edit and save files, and the repository stays clean.
  const workspace = join(work, `workspace-${pass.name}`);
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(here, 'workspace'), workspace, { recursive: true });
  const resultsFile = join(work, `e2e-results-${pass.name}.json`);
  rmSync(resultsFile, { force: true });
  const extensionTestsEnv = {
    RUNBOOK_E2E_PASS: pass.name,
    RUNBOOK_E2E_RESULTS: resultsFile,
    RUNBOOK_E2E_TRUST: pass.trust ? 'trusted' : 'untrusted', // read by code-shim.js
    RUNBOOK_E2E_SCREENSHOT: join(root, 'test-results', `e2e-${pass.name}-failure.png`),
    ...(grep ? { RUNBOOK_E2E_GREP: grep } : {}),
  };
  // Its own extensions folder, so nothing installed elsewhere (or by another run) is loaded.
  const extensionsDir = pass.extensionsDir ?? join(work, `extensions-${pass.name}`);
  console.log(`\n--- e2e pass: ${pass.name} ---`);
  let exitCode = 0;
  try {
    await runTests({
      vscodeExecutablePath: host.exe,
      extensionDevelopmentPath: pass.devPath ?? root,
      extensionTestsPath: join(suiteDir, 'index.js'),
      launchArgs: [workspace, `--extensions-dir=${extensionsDir}`],
      extensionTestsEnv,
    });
  } catch (e) {
    if (e instanceof TestRunFailedError) exitCode = e.code ?? 1;
    else { console.error(`e2e: could not start VS Code: ${e?.message ?? e}`); exitCode = 1; }
  }
  if (!existsSync(resultsFile)) {
    console.error(`e2e: the ${pass.name} pass reported no results (editor exit code ${exitCode})`);
    return { passed: 0, failed: 1, failures: [`${pass.name} pass: no results`] };
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  console.log(`e2e: ${pass.name} pass ran in VS Code ${r.vscodeVersion} (${r.uiKind}), workspace trusted: ${r.workspaceTrusted}`);
  // First line only: mocha's report above has the diff and the stack.
  const failures = r.tests.filter(t => t.state === 'failed').map(t => `${t.title}: ${String(t.error).split('\n')[0]}`);
  // The editor failing after the tests reported (e.g. a crash on shutdown) still fails the run.
  const failed = Math.max(r.failed, exitCode !== 0 ? 1 : 0);
  if (failed > r.failed) failures.push(`${pass.name} pass: editor exited with code ${exitCode}`);
  return { passed: r.passed, failed, failures };
}

/** Packages the extension and installs it into a fresh extensions folder; the folder, or a failure. */
function packageAndInstall(host) {
  const vsix = join(work, 'runbook.vsix');
  const extensionsDir = join(work, 'extensions-vsix');
  console.log('\n--- e2e: packaging the .vsix (npm run package) ---');
  const r = spawnSync(process.execPath, [join(root, 'scripts/package.mjs'), vsix], { stdio: 'inherit', timeout: 300_000 });
  if (r.status !== 0 || !existsSync(vsix)) return { error: 'packaging the .vsix failed' };
  try {
    installVsix(host, vsix, extensionsDir);
  } catch (e) {
    return { error: e.message };
  }
  console.log(`e2e: installed ${vsix} into ${extensionsDir}`);
  return { extensionsDir };
}

/** The UI check (ui-check.mjs) counts as one test: the Run lens is drawn, screenshot saved. */
function uiCheck() {
  console.log('\n--- e2e: UI check (Run lens drawn in the workbench) ---');
  const r = spawnSync(process.execPath, [join(here, 'ui-check.mjs'), `--workspace=${join(work, 'ui/runbooks')}`], { stdio: 'inherit', timeout: 240_000 });
  return r.status === 0
    ? { passed: 1, failed: 0, failures: [] }
    : { passed: 0, failed: 1, failures: ['UI check: the Run lens was not shown in the workbench (see test-results/)'] };
}

/** The walk-through: each step counts as one test; it writes what passed and failed to a file. */
function walkthrough() {
  console.log('\n--- e2e: walk-through (the first five minutes, on screen) ---');
  const results = join(work, 'walkthrough-results.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'walkthrough.ts'), `--results=${results}`], { stdio: 'inherit', timeout: 480_000, cwd: root });
  if (!existsSync(results)) return { passed: 0, failed: 1, failures: [`walk-through: no results (exit ${r.status ?? r.signal})`] };
  const w = JSON.parse(readFileSync(results, 'utf8'));
  const failed = Math.max(w.failed, r.status === 0 ? 0 : 1);
  return { passed: w.passed, failed, failures: w.failures.length || !failed ? w.failures.map(f => `walk-through: ${f}`) : [`walk-through: exit ${r.status}`] };
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
  const unknown = wantedPasses.filter(p => !['trusted', 'untrusted', 'walkthrough', 'ui', 'vsix'].includes(p));
  if (unknown.length) abort(`unknown pass ${unknown.join(', ')} (choose from trusted, untrusted, walkthrough, ui, vsix)`);
  pruneOldRuns();
  mkdirSync(work, { recursive: true });
  // Only what the editor loads; the CLI bundle has its own tests.
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'client', 'server', 'chartView'], { stdio: 'inherit', timeout: 180_000 });
  if (build.status !== 0) abort('building the extension failed');
  if (!existsSync(join(root, 'dist/server.js'))) abort('dist/server.js was not built (server/src/lsp/main.ts missing?)');

  const suiteDir = join(work, 'e2e-suite');
  try { await bundleSuite(suiteDir); } catch { abort('bundling the e2e suite failed'); }

  const host = await chooseHost();
  console.log(`e2e: running in ${host.label}`);
  const passes = wantedPasses.filter(p => {
    if (p === 'untrusted' && !supportsUntrusted(host)) {
      console.log('e2e: skipping the [untrusted] tests: test-electron always disables workspace trust in desktop VS Code');
      return false;
    }
    if ((p === 'ui' || p === 'walkthrough') && host.kind !== 'code-server') {
      console.log(`e2e: skipping the ${p === 'ui' ? 'UI check' : 'walk-through'}: it drives the code-server host's web workbench`);
      return false;
    }
    return true;
  });

  let passed = 0, failed = 0;
  const failures = [];
  const add = r => { passed += r.passed; failed += r.failed; failures.push(...r.failures); };
  for (const p of passes) {
    if (stopping) return;
    if (p === 'trusted') add(await runPass(host, { name: 'trusted', trust: true }, suiteDir));
    else if (p === 'untrusted') add(await runPass(host, { name: 'untrusted', trust: false }, suiteDir));
    else if (p === 'ui') add(uiCheck());
    else if (p === 'walkthrough') add(walkthrough());
    else if (p === 'vsix') {
      const installed = packageAndInstall(host);
      if (installed.error) add({ passed: 0, failed: 1, failures: [`vsix pass: ${installed.error}`] });
      else add(await runPass(host, { name: 'vsix', trust: true, devPath: join(here, 'host/harness-extension'), extensionsDir: installed.extensionsDir }, suiteDir));
    }
  }
  if (stopping) return;
  clearTimeout(watchdog);
  if (!failed) rmSync(work, { recursive: true, force: true });
  if (failures.length) console.log(`\ne2e failures:\n${failures.map(f => `  - ${f}`).join('\n')}`);
  console.log('');
  finish(passed, failed);
}

main().catch(e => abort(e?.message ?? String(e)));

#!/usr/bin/env node
// Runs extension integration tests inside the real VS Code of the test host (see workbench.js).
// The workbench loads the extension and the tests from the URL payload, runs them in the Node
// extension host, and when they end calls window.codeAutomationExit(code), which the runner
// exposes through Playwright. That code becomes the exit code: 0 pass, 1 failure, 124 timeout.
//
// usage: node test/e2e/host/run-vscode-tests.js --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//          [--workspace=DIR] [--untrusted] [--extensionsDir=DIR] [--timeout=SECONDS] [--screenshot=PNG]
//          [--verbose] [--keep]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { startServer, launchBrowser } = require('./workbench');

const DEFAULT_TIMEOUT_S = 300;

/**
 * @param {object} o
 * @param {string} o.extensionDevelopmentPath  the workbench runs tests only in extension-development
 *                                    mode; to test an installed .vsix pass host/harness-extension here
 * @param {string} o.extensionTestsPath
 * @param {string} [o.extensionsDir]   installed extensions (e.g. the .vsix, see workbench.installVsix)
 * @param {string} o.workspace
 * @param {boolean} [o.trust=true]   false: run with workspace trust enabled and the folder untrusted
 * @param {number} [o.timeoutSec]    hard limit for the whole run, start-up included
 * @param {string} [o.screenshot]    PNG written when the run fails or times out
 * @param {boolean} [o.verbose]      also print the page's own console
 * @param {boolean} [o.keep]         keep the state folder (logs) even when the run passes
 * @returns {Promise<number>} exit code
 */
async function runTestsInWorkbench(o) {
  const t0 = Date.now();
  const say = msg => console.log(`[vscode-host] ${((Date.now() - t0) / 1000).toFixed(1)}s ${msg}`);
  const timeoutSec = o.timeoutSec || DEFAULT_TIMEOUT_S;
  let server, browser, page, stopping = false;

  const shutdown = async () => {
    if (stopping) return; stopping = true;
    try { await browser?.close(); } catch { /* browser already gone */ }
    await server?.stop();
  };
  const saveShot = async () => {
    if (!o.screenshot || !page) return;
    try { fs.mkdirSync(path.dirname(o.screenshot), { recursive: true }); await page.screenshot({ path: o.screenshot }); say(`screenshot ${o.screenshot}`); } catch { /* page gone */ }
  };

  // The extension host can hang (a test awaiting forever, a crashed server); never wait past the limit.
  let timer;
  const timedOut = new Promise(resolve => { timer = setTimeout(() => resolve('timeout'), timeoutSec * 1000); });
  // Being killed (Ctrl-C, the outer watchdog) must still take code-server and Chromium down.
  const onSignal = sig => { say(`${sig}: stopping`); shutdown().finally(() => process.exit(130)); };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, onSignal);

  let code = 1;
  try {
    const run = (async () => {
      server = await startServer({ workspace: o.workspace, trust: o.trust !== false, env: o.env, extensionsDir: o.extensionsDir });
      // The timeout (or a signal) may have fired while code-server was starting: shutdown() saw
      // no server then, so stop this one here instead of leaving it running.
      if (stopping) { await server.stop(); return 1; }
      say(`code-server on 127.0.0.1:${server.port}, workspace trust ${o.trust === false ? 'enabled (folder untrusted)' : 'disabled'}`);
      browser = await launchBrowser(server.env);
      if (stopping) { await browser.close().catch(() => undefined); return 1; }
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const finished = new Promise(resolve => {
        page.exposeFunction('codeAutomationExit', (exitCode, logs) => {
          for (const l of logs || []) {
            const f = path.join(server.stateDir, 'logs', l.relativePath);
            fs.mkdirSync(path.dirname(f), { recursive: true });
            fs.writeFileSync(f, l.contents);
          }
          resolve(exitCode);
        });
        // A dead renderer never reports back; fail now rather than at the timeout.
        page.on('crash', () => { say('workbench page crashed'); resolve(1); });
      });
      // The workbench forwards its log, including the extension host's console (mocha's reporter),
      // through this hook. Stack frames inside the workbench's own minified code are dropped.
      await page.exposeFunction('codeAutomationLog', (_type, args) => {
        const text = util.format(...(args || [])).replace(/\x1b\[[0-9;]*m/g, '');
        console.log(text.split('\n').filter(l => !/^\s+at .*\/static\/out\/vs\//.test(l)).join('\n'));
      });
      if (o.verbose) page.on('console', m => console.log('[page]', m.text()));
      page.on('pageerror', e => console.log('[page error]', e.message));
      await page.goto(server.url(o));
      say('workbench loaded, tests running');
      return finished;
    })();
    const result = await Promise.race([run, timedOut]);
    if (result === 'timeout') {
      console.error(`[vscode-host] TIMEOUT: tests did not finish within ${timeoutSec}s`);
      code = 124;
    } else {
      code = Number(result);
    }
  } catch (e) {
    console.error(`[vscode-host] ${e && e.message ? e.message : e}`);
    code = 1;
  } finally {
    clearTimeout(timer);
    if (code !== 0) await saveShot();
    await shutdown();
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeListener(sig, onSignal);
    if (server) {
      if (code === 0 && !o.keep) fs.rmSync(server.stateDir, { recursive: true, force: true });
      else say(`logs kept in ${server.stateDir}`);
    }
    say(`exit code ${code}`);
  }
  return code;
}

function parseArgs(argv) {
  const a = Object.fromEntries(argv.map(s => {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(s);
    return m ? [m[1], m[2] ?? true] : ['_', s];
  }));
  if (!a.extensionDevelopmentPath || !a.extensionTestsPath) {
    throw new Error('usage: run-vscode-tests.js --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--workspace=DIR] [--untrusted] [--timeout=S]');
  }
  return {
    extensionDevelopmentPath: path.resolve(a.extensionDevelopmentPath),
    extensionTestsPath: path.resolve(a.extensionTestsPath),
    workspace: path.resolve(a.workspace || process.cwd()),
    trust: !a.untrusted,
    extensionsDir: a.extensionsDir && path.resolve(a.extensionsDir),
    timeoutSec: Number(a.timeout) || undefined,
    screenshot: a.screenshot,
    verbose: !!a.verbose,
    keep: !!a.keep,
  };
}

if (require.main === module) {
  let opts;
  try { opts = parseArgs(process.argv.slice(2)); } catch (e) { console.error(e.message); process.exit(2); }
  runTestsInWorkbench(opts).then(code => process.exit(code));
}

module.exports = { runTestsInWorkbench };

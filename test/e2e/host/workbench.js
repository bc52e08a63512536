// The test host: the VS Code 1.100.3 server bundled in code-server, opened in headless Chromium.
// Shared by the test runner (run-vscode-tests.js), the UI check and the demo, so all three start
// the editor the same way.
//
// Why this shape:
// - The extension and its mocha tests run in the server's Node extension host
//   (vscode.env.uiKind is Web, remoteName "127.0.0.1:PORT"), so vscode-languageclient/node with a
//   forked server process works exactly as in desktop VS Code.
// - code-server's CLI rejects --extensionDevelopmentPath; the workbench takes the test paths from
//   the URL's `payload` instead (VS Code's own test/integration/browser does the same).
// - Every run gets a fresh HOME / XDG_* / TMPDIR / user-data folder, so nothing leaks between runs
//   or into the real home, and the workspace is never remembered as trusted.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const HOST_DIR = process.env.RUNBOOK_E2E_HOST_DIR || path.join(ROOT, '.vscode-test/code-server');
const CODE_SERVER = path.join(HOST_DIR, 'node_modules/.bin/code-server');
const CHROMIUM = process.env.RUNBOOK_E2E_CHROMIUM || '/usr/bin/chromium';

/** User settings for every run: no welcome page, no update or gallery traffic, no modal prompts. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  // Test workspaces are copied under the repository; don't offer to open the repository itself.
  'git.openRepositoryInParentFolders': 'never',
  // Recommendations query the extension gallery, which is unreachable and only adds log noise.
  'extensions.ignoreRecommendations': true,
  // Only matters when trust is enabled: open in Restricted Mode without the blocking trust dialog.
  'security.workspace.trust.startupPrompt': 'never',
};

function isInstalled() {
  return fs.existsSync(CODE_SERVER) && fs.existsSync('/usr/bin/rg') && fs.existsSync(CHROMIUM);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function waitForHttp(url, timeoutMs, isDead) {
  const end = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get(url, res => { res.resume(); resolve(res.statusCode); });
      req.setTimeout(2000, () => req.destroy(new Error('request timed out')));
      req.on('error', () => {
        if (isDead()) reject(new Error('code-server exited during start-up'));
        else if (Date.now() > end) reject(new Error(`code-server did not answer ${url} within ${timeoutMs / 1000}s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/**
 * Starts code-server on a free 127.0.0.1 port.
 * @param {object} o
 * @param {string} o.workspace        folder to open
 * @param {boolean} [o.trust=true]    false: workspace trust enabled and the folder untrusted (Restricted Mode)
 * @param {object} [o.settings]       extra user settings
 * @param {string} [o.extensionsDir]  installed extensions (e.g. an unpacked .vsix); default empty
 * @param {object} [o.env]            extra environment for the server and extension host
 * @param {string} [o.stateDir]       where HOME etc. go; default a new temp folder
 */
async function startServer(o) {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`test host not installed (${CODE_SERVER}); run: bash test/e2e/host/install.sh`);
  const stateDir = o.stateDir || fs.mkdtempSync(path.join(os.tmpdir(), 'runbook-vscode-'));
  const dir = name => { const d = path.join(stateDir, name); fs.mkdirSync(d, { recursive: true }); return d; };
  const userData = dir('user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...o.settings }, null, 2));
  const configFile = path.join(stateDir, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');

  // TMPDIR too: the server and extension host put their IPC sockets there.
  const env = {
    ...process.env, ...o.env,
    HOME: stateDir, XDG_CONFIG_HOME: dir('xdg-config'), XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'), TMPDIR: dir('tmp'),
  };
  const port = await freePort();
  const args = [
    '--config', configFile, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userData, '--extensions-dir', o.extensionsDir || dir('extensions'),
  ];
  // Without this flag code-server enables workspace trust, and a fresh user-data folder trusts nothing.
  if (o.trust !== false) args.push('--disable-workspace-trust');
  args.push(o.workspace);

  const logFile = path.join(stateDir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'w');
  // Own process group, so stop() also ends the VS Code server, extension host and language server.
  const child = spawn(CODE_SERVER, args, { env, stdio: ['ignore', logFd, logFd], detached: true });
  fs.closeSync(logFd);
  let exited = false;
  child.on('exit', () => { exited = true; });

  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    for (let i = 0; i < 30 && !exited; i++) await new Promise(r => setTimeout(r, 100));
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => exited);
  } catch (e) {
    await stop();
    throw new Error(`${e.message} (log: ${logFile})`);
  }

  const remote = p => `vscode-remote://127.0.0.1:${port}${p}`;
  /** Workbench URL; `payload` carries extensionDevelopmentPath / extensionTestsPath as remote URIs. */
  const url = ({ extensionDevelopmentPath, extensionTestsPath } = {}) => {
    const payload = [['skipWelcome', 'true']];
    if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(path.resolve(extensionDevelopmentPath))]);
    if (extensionTestsPath) payload.push(['extensionTestsPath', remote(path.resolve(extensionTestsPath))]);
    return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  };
  return { port, stateDir, env, logFile, url, stop, pid: child.pid };
}

/**
 * Installs a .vsix into `extensionsDir` the way a user would (`--install-extension`), with the
 * same throwaway HOME as a run. Throws with code-server's output if it fails.
 */
function installVsix(vsix, extensionsDir) {
  const { spawnSync } = require('node:child_process');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'runbook-vsix-'));
  try {
    const r = spawnSync(CODE_SERVER, ['--user-data-dir', path.join(home, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix], {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'c'), XDG_DATA_HOME: path.join(home, 'd') },
      encoding: 'utf8', timeout: 120_000,
    });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${(r.stdout + r.stderr).trim() || r.error?.message}`);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Headless Debian Chromium through playwright-core (no browser download needed). */
async function launchBrowser(env) {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env, // keeps ~/.config/chromium and ~/.cache out of the real home
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

module.exports = { ROOT, HOST_DIR, CODE_SERVER, CHROMIUM, isInstalled, startServer, installVsix, launchBrowser };

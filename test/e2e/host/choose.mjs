// Which VS Code the e2e suite runs in, and how to install a .vsix into it.
//   RUNBOOK_E2E_HOST=code-server  the test host in this folder (installed on first use): VS Code
//                                 1.100.3's server in headless Chromium, behind code-shim.js
//   RUNBOOK_E2E_HOST=download     @vscode/test-electron downloads VS Code 1.100.3 (needs its update host)
//   RUNBOOK_E2E_HOST=installed    the desktop VS Code whose `code` is on PATH
//   unset: `installed` if `code` is on PATH, else `code-server`.
// Desktop VS Code on Linux needs a display (e.g. xvfb-run); the code-server host does not.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } from '@vscode/test-electron';

const require = createRequire(import.meta.url);
const workbench = require('./workbench.js');
const hostDir = dirname(fileURLToPath(import.meta.url));

/** What the code-server host runs; package.json's engines.vscode is held to it. */
export const VSCODE_VERSION = '1.100.3';

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

/**
 * @returns {Promise<{ kind: 'code-server' | 'installed' | 'download', exe: string, label: string }>}
 * `exe` is what runTests gets as vscodeExecutablePath. Throws with a readable message on failure.
 */
export async function chooseHost() {
  const wanted = process.env.RUNBOOK_E2E_HOST || (which('code') ? 'installed' : 'code-server');
  if (wanted === 'installed') {
    const exe = installedVSCode();
    if (exe) return { kind: 'installed', exe, label: `desktop VS Code at ${exe}` };
    console.log('e2e: `code` is on PATH but its Electron binary was not found; using the code-server host');
  }
  if (wanted === 'download') {
    try {
      const exe = await downloadAndUnzipVSCode(VSCODE_VERSION);
      return { kind: 'download', exe, label: `VS Code ${VSCODE_VERSION} downloaded by @vscode/test-electron` };
    } catch (e) {
      throw new Error(`could not download VS Code ${VSCODE_VERSION}: ${e?.message ?? e}`);
    }
  }
  if (!workbench.isInstalled()) {
    console.log('e2e: test host missing; installing it (bash test/e2e/host/install.sh)');
    const r = spawnSync('bash', [join(hostDir, 'install.sh')], { stdio: 'inherit', timeout: 600_000 });
    if (r.status !== 0) throw new Error('installing the test host failed');
  }
  return {
    kind: 'code-server',
    exe: join(hostDir, 'code-shim.js'),
    label: `code-server host: VS Code ${VSCODE_VERSION} server in headless Chromium`,
  };
}

/** Installs a .vsix into `extensionsDir` with the host's own `--install-extension`. */
export function installVsix(host, vsix, extensionsDir) {
  if (host.kind === 'code-server') return workbench.installVsix(vsix, extensionsDir);
  const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(host.exe);
  const r = spawnSync(cli, [...args, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${(r.stdout + r.stderr).trim() || r.error?.message}`);
}

/** Test-electron always adds --disable-workspace-trust for desktop VS Code; only the shim can drop it. */
export function supportsUntrusted(host) {
  return host.kind === 'code-server';
}

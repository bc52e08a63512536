// Our language server as the benchmark runs it: the esbuild bundle the extension ships (built
// first, so the figures include no TypeScript transpiler), over real stdio.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspSession } from './lspSession';

const root = join(__dirname, '..');

let built: string | undefined;

/** Builds dist/server.js once per benchmark run; falls back to running the sources through tsx. */
export function serverCommand(): { command: string; args: string[] } {
  if (built === undefined) {
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'server'], { cwd: root, encoding: 'utf8' });
    built = r.status === 0 && existsSync(join(root, 'dist/server.js')) ? join(root, 'dist/server.js') : '';
  }
  return built
    ? { command: process.execPath, args: [built, '--stdio'] }
    : { command: process.execPath, args: ['--import', 'tsx', join(root, 'server/src/lsp/main.ts'), '--stdio'] };
}

export function startOurs(opts: { rootUri?: string; cacheDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<LspSession> {
  const { command, args } = serverCommand();
  return LspSession.start({
    command, args, cwd: root, rootUri: opts.rootUri,
    env: { RUNBOOK_CACHE_DIR: opts.cacheDir ?? mkdtempSync(join(tmpdir(), 'runbook-bench-cache-')), ...opts.env },
  });
}

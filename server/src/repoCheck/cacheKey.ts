// What a cached check result depends on besides the file's text. Any change here changes every
// key, so an old result is never served for a new check:
// - the code: the bundle that runs (dist/cli.js and dist/checkWorker.js), or, run from source,
//   every file under server/src plus package-lock.json (the dependencies);
// - the settings the files are checked with;
// - ShellCheck: its path, its `--version` output ("absent" when it is not installed) and the
//   contents of every shellcheckrc it could read (user-wide, and up from the working folder and
//   the temporary folder, where it is given the blocks);
// - Node's version (the regex engine and Intl are part of the runtime).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Settings } from '../analysis/settings';

/** `code` is for tests: by default, the code that is running. */
export function checkIdentity(settings: Settings, code = codeIdentity()): string {
  const h = createHash('sha256');
  h.update(`node ${process.version}\0`);
  h.update(code).update('\0');
  h.update(JSON.stringify(settings)).update('\0');
  h.update(settings.shellcheck.enabled ? shellcheckIdentity(settings.shellcheck.path) : 'shellcheck off');
  return h.digest('base64url');
}

let code: string | undefined;

function codeIdentity(): string {
  if (code) return code;
  const h = createHash('sha256');
  if (__filename.endsWith('.js')) {
    // Bundled: the code is these files (sh-syntax, outside the bundle, is pinned by its version).
    for (const f of ['cli.js', 'checkWorker.js', 'parseWorker.js']) hashFile(h, join(__dirname, f));
    hashFile(h, join(__dirname, '../node_modules/sh-syntax/package.json'));
  } else {
    const src = join(__dirname, '..');
    for (const f of sourceFiles(src)) hashFile(h, f);
    hashFile(h, join(src, '../../package-lock.json'));
  }
  return code = h.digest('base64url');
}

function hashFile(h: ReturnType<typeof createHash>, file: string): void {
  h.update(file).update('\0');
  try { h.update(readFileSync(file)); } catch { h.update('absent'); }
  h.update('\0');
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') || name.endsWith('.json')) out.push(p);
  }
  return out;
}

function shellcheckIdentity(path: string): string {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const version = r.error ? `absent (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` : `${r.status} ${r.stdout}`;
  const rcs = [join(homedir(), '.shellcheckrc'), join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'shellcheckrc'),
    ...upwards(process.cwd(), '.shellcheckrc'), ...upwards(tmpdir(), '.shellcheckrc')];
  const h = createHash('sha256').update(`${path}\0${version}\0`);
  for (const rc of rcs) if (existsSync(rc)) hashFile(h, rc);
  return h.digest('base64url');
}

function upwards(dir: string, name: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    out.push(join(d, name));
    if (dirname(d) === d) return out;
  }
}

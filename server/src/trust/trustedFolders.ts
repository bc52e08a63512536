// Folder trust for the language server when no VS Code is there to provide it (Neovim, Helix…).
// A cloned repository writes its environments file, so it can point `prometheus:` at its own host
// and name any variable of the user's as the credential (`auth: {bearer: AWS_SECRET_ACCESS_KEY}`).
// Credentials named by a workspace file are therefore sent only for a folder the user trusted:
// listed in a user-level file the repository cannot write, or passed by the editor's own config.
import { readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve, sep } from 'node:path';

/** `$XDG_CONFIG_HOME/runbook/trusted-folders` (else `~/.config/…`): one absolute folder per line, `#` comments. */
export function trustFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'runbook', 'trusted-folders');
}

export function readTrustedFolders(file: string): string[] {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  return text.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter((l) => isAbsolute(l));
}

function real(path: string): string {
  try { return realpathSync(path); } catch { return resolve(path); }
}

/** Whether `folder` is one of `trusted` or inside one (after resolving links on both sides). */
export function isTrustedFolder(folder: string, trusted: readonly string[]): boolean {
  const f = real(folder);
  return trusted.some((t) => { const r = real(t); return f === r || f.startsWith(r.endsWith(sep) ? r : r + sep); });
}

// The system ssh's command line for a target. Only connection settings go here, never variables
// or secrets (they would show in `ps` on both sides): those go over the session's stdin. The
// user's ~/.ssh/config, agent and known_hosts apply as usual; the file's options come first,
// since for ssh the first value given wins, then Runbook's defaults.
import type { SshTarget } from './types';

export interface SshConnection {
  /** The control socket of the session's master connection: the cancel channel reuses it. */
  controlPath: string;
}

/** Arguments before the destination, shared by the session and its control channel. */
function common(t: SshTarget): string[] {
  const args = ['-T'];
  for (const [k, v] of Object.entries(t.options)) args.push('-o', `${k}=${v}`);
  // No prompt can be answered (the editor has no terminal): a key or agent is needed, and an
  // unknown or changed host key fails the connection instead of being asked about or accepted.
  args.push('-o', 'BatchMode=yes', '-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=3');
  if (t.port) args.push('-p', String(t.port));
  if (t.jump) args.push('-J', t.jump);
  return args;
}

const destination = (t: SshTarget) => (t.user ? `${t.user}@${t.host}` : t.host);

/** The session: a master connection running one remote bash (`exec`, so it leads its group). */
export function sessionArgs(t: SshTarget, c: SshConnection): string[] {
  return [...common(t), '-o', 'ControlMaster=yes', '-o', `ControlPath=${c.controlPath}`, '-o', 'ControlPersist=no', '--', destination(t), 'exec bash --noprofile --norc'];
}

/** A second channel over the same connection, for a script read from stdin (cancel, choices). */
export function controlArgs(t: SshTarget, c: SshConnection): string[] {
  return [...common(t), '-o', 'ControlMaster=no', '-o', `ControlPath=${c.controlPath}`, '--', destination(t), 'exec bash --noprofile --norc -s'];
}

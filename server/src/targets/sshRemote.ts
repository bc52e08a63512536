// An ssh target as a remote session: one master connection running the remote bash, its
// control socket in a private local folder, and cancel over a mux session of that connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RemoteSpec } from '../run/session';
import { controlArgs, sessionArgs } from './sshArgs';
import { hostLabel, type SshTarget } from './types';

/**
 * A Unix socket path is limited to about 104 bytes, and ssh refuses a longer ControlPath: a
 * long TMPDIR (an editor's own, macOS's /var/folders/…) falls back to /tmp for the socket.
 */
export function socketBase(): string {
  const t = tmpdir();
  return join(t, 'runbook-ssh-XXXXXX', 'cm').length <= 90 ? t : '/tmp';
}

/** ssh's exit status when the connection fails or drops (a remote command's own codes pass through). */
export const SSH_LOST = 255;

/**
 * `env` is the local ssh's own environment (PATH, HOME, SSH_AUTH_SOCK: what it needs to find the
 * user's config and agent), never the runbook's variables: those are `exported`, sent on stdin.
 */
export function sshRemote(t: SshTarget, exported: Record<string, string>, env: Record<string, string>, sshPath = 'ssh'): RemoteSpec {
  const dir = mkdtempSync(join(socketBase(), 'runbook-ssh-'));
  const conn = { controlPath: join(dir, 'cm') };
  return {
    label: hostLabel(t),
    command: sshPath, args: sessionArgs(t, conn), env,
    control: { command: sshPath, args: controlArgs(t, conn), env },
    exported, lostExitCode: SSH_LOST,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// A real OpenSSH server (Debian's /usr/sbin/sshd) on a free loopback port, for remote-target
// tests: its own host key, config and authorized key in a temporary folder, logging in a
// non-root test user (created here when the tests run as root). Several make a small fleet.
// Cleanup: stop(), process exit, and a watchdog shell that kills sshd if this process dies.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './prometheus';

export const SSHD = '/usr/sbin/sshd';
export const TEST_USER = 'runbook-ssh';

export interface RunningSshd {
  host: string;
  port: number;
  user: string;
  /** The folder holding the client key and known_hosts (readable by the test only). */
  dir: string;
  /** The `options:` a target needs: this server's known_hosts and the generated client key. */
  options: Record<string, string>;
  /** The master sshd; each connection is a child of it. */
  pid: number;
  /** Kills the per-connection sshd processes: the client sees its connection drop. */
  dropConnections(): number;
  stop(): Promise<void>;
}

/** Why the live ssh tests cannot run here, or undefined when they can. */
export function sshdUnavailable(): string | undefined {
  if (!existsSync(SSHD)) return `${SSHD} is not installed (apt-get install openssh-server; scripts/setup.sh does it as root)`;
  if (spawnSync('ssh', ['-V']).status !== 0) return 'the ssh client is not installed (apt-get install openssh-client)';
  if (process.getuid?.() !== 0 && !userExists()) return `not root, and no user ${TEST_USER} to log in as (create it, or run the tests as root)`;
  if (process.getuid?.() !== 0) return 'sshd must start as root to log a user in';
  return undefined;
}

function userExists(): boolean {
  return spawnSync('id', ['-u', TEST_USER]).status === 0;
}

/** useradd and usermod live in /usr/sbin, which an editor's or a user's PATH may not hold. */
const sbin = (name: string) => (existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name);

function ensureUser(): void {
  if (!userExists()) {
    const r = spawnSync(sbin('useradd'), ['--create-home', '--shell', '/bin/bash', TEST_USER], { encoding: 'utf8' });
    if (r.status !== 0 && !userExists()) throw new Error(`useradd ${TEST_USER}: ${r.stderr}`);
  }
  // A new account is locked (`!`), and sshd without PAM refuses locked accounts even for keys:
  // `*` means no password can match, and the account is not locked.
  spawnSync(sbin('usermod'), ['-p', '*', TEST_USER]);
}

const live = new Set<() => void>();
process.once('exit', () => { for (const kill of live) kill(); });

export async function startSshd(): Promise<RunningSshd> {
  ensureUser();
  // sshd's privilege separation needs this empty directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  // Under /tmp itself, not TMPDIR: the test user must reach authorized_keys, and a private
  // TMPDIR (the editor test host's is inside a 0700 folder) would deny it ("Permission denied").
  const dir = mkdtempSync(join('/tmp', 'runbook-sshd-'));
  // The test user reads authorized_keys through this folder; the private keys stay 0600.
  chmodSync(dir, 0o755);
  const keygen = (file: string) => {
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'runbook-test', '-f', file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ssh-keygen: ${r.stderr}`);
  };
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), { mode: 0o644 });
  const port = await freePort();
  const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'UsePAM no', 'StrictModes no', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes', `AllowUsers ${TEST_USER}`, 'PermitRootLogin no',
    // Several sessions and control channels at once (a fleet, a cancel) must not be throttled.
    'MaxStartups 100', 'MaxSessions 100', 'LogLevel ERROR', '',
  ].join('\n'));
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (b: Buffer) => { log += b.toString(); });
  const watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; kill -9 ${child.pid} 2>/dev/null`], { stdio: 'ignore' });
  const kill = () => { child.kill('SIGKILL'); watchdog.kill('SIGKILL'); };
  live.add(kill);
  await waitListening(port, child, () => log);
  const options = { UserKnownHostsFile: join(dir, 'known_hosts'), IdentityFile: join(dir, 'client_key'), IdentitiesOnly: 'yes' };
  return {
    host: '127.0.0.1', port, user: TEST_USER, dir, options, pid: child.pid!,
    dropConnections: () => {
      // The connection's sshd processes (the privileged monitor and the user's side), not the
      // shells they started: as when a network drop or a restart ends the connection.
      let n = 0;
      for (const pid of sshdDescendants(child.pid!)) { try { process.kill(pid, 'SIGKILL'); n++; } catch { /* gone */ } }
      return n;
    },
    stop: async () => {
      live.delete(kill);
      for (const pid of childrenOf(child.pid!)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sshdDescendants(pid: number): number[] {
  const out: number[] = [];
  for (const c of childrenOf(pid)) {
    let comm = '';
    try { comm = readFileSync(`/proc/${c}/comm`, 'utf8').trim(); } catch { continue; }
    if (comm.startsWith('sshd')) out.push(c, ...sshdDescendants(c));
  }
  return out;
}

function childrenOf(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

async function waitListening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${log()}`);
    const ok = await new Promise<boolean>((r) => { const s = connect(port, '127.0.0.1', () => { s.destroy(); r(true); }); s.on('error', () => r(false)); });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}

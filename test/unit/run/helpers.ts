// Shared bits for the run engine tests: a session in a scratch folder and process-table checks.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShellSession } from '../../../server/src/run/session';
import { sessionProcesses } from '../../../server/src/run/processTree';

export function scratchDir(prefix = 'runbook-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function newSession(opts: { secretValues?: string[]; env?: Record<string, string>; cwd?: string; collect?: boolean } = {}) {
  const cwd = opts.cwd ?? scratchDir();
  const s = new ShellSession({ cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...opts.env }, secretValues: opts.secretValues });
  const chunks: string[] = [];
  if (opts.collect !== false) s.on('output', (t: string) => chunks.push(t));
  return { s, cwd, stream: () => chunks.join('') };
}

/** True while the pid exists and is not a zombie. */
export function isLive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch { return false; }
}

/** Resolves once `pred` holds on the streamed output (checked on each chunk). */
export function waitForOutput(s: ShellSession, stream: () => string, pred: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    if (pred(stream())) return resolve(stream());
    const on = () => { if (pred(stream())) { s.off('output', on); resolve(stream()); } };
    s.on('output', on);
  });
}

/** Live processes of the session whose shell is `shell` (found by its RUNBOOK_SESSION marker too). */
export function sessionMembers(shell: number): number[] {
  const marker = readFileSync(`/proc/${shell}/environ`, 'latin1').split('\0').find((v) => v.startsWith('RUNBOOK_SESSION='));
  if (!marker) throw new Error('the session shell carries no RUNBOOK_SESSION marker');
  return sessionProcesses(shell, marker);
}

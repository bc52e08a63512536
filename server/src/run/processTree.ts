// Finds every process a session shell started, wherever it went. A step can leave the shell's
// process group (`timeout`, `set -m` jobs), its session (`setsid`) and even its parentage (a
// double fork reparents to init), so a process belongs to the session when any of these holds:
// it descends from the shell, shares its session or group, or carries the session's marker
// variable in its environment (inherited through every fork and exec unless a step clears it).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

interface Proc { pid: number; ppid: number; pgid: number; sid: number; start: number }

/** Live (non-zombie) processes other than this one. */
function processTable(): Proc[] {
  if (!existsSync('/proc/self/stat')) {
    const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8', timeout: 2000 });
    return out.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter((f) => f.length === 3 && f[0] !== process.pid)
      .map(([pid, ppid, pgid]) => ({ pid, ppid, pgid, sid: -1, start: Infinity }));
  }
  const procs: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which is parenthesised and may contain spaces.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (f[0] !== 'Z' && f[0] !== 'X') procs.push({ pid: Number(name), ppid: Number(f[1]), pgid: Number(f[2]), sid: Number(f[3]), start: Number(f[19]) });
    } catch { /* exited meanwhile */ }
  }
  return procs;
}

/** True when the process's environment has the entry `marker` (`NAME=value`). */
function carries(pid: number, marker: string): boolean {
  try {
    const env = readFileSync(`/proc/${pid}/environ`);
    return env.includes(`\0${marker}\0`) || env.subarray(0, marker.length + 1).equals(Buffer.from(`${marker}\0`));
  } catch { return false; }
}

/**
 * Pids of the session rooted at the shell `root` (the shell included while it lives).
 * `marker` is the `NAME=value` entry set in the shell's environment when it was started.
 */
export function sessionProcesses(root: number, marker: string, rootStart?: number): number[] {
  const table = processTable();
  const byPid = new Map(table.map((p) => [p.pid, p]));
  // Nothing started before the shell can be the shell's: their environments are not read.
  const since = rootStart ?? byPid.get(root)?.start ?? 0;
  const member = new Map<number, boolean>();
  const belongs = (p: Proc): boolean => {
    const known = member.get(p.pid);
    if (known !== undefined) return known;
    member.set(p.pid, false); // guards against a ppid cycle while the table is read
    const parent = byPid.get(p.ppid);
    const yes = p.pid === root || p.ppid === root || p.sid === root || p.pgid === root
      || (parent !== undefined && belongs(parent))
      || (p.start >= since && carries(p.pid, marker));
    member.set(p.pid, yes);
    return yes;
  };
  return table.filter(belongs).map((p) => p.pid);
}

/** When the process started (clock ticks since boot), to tell it from a later one with its pid. */
export function startTime(pid: number): number | undefined {
  try { const stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]); } catch { return undefined; }
}

/** Sends `sig`; false when the process is gone or not ours to signal. */
export function signal(pid: number, sig: NodeJS.Signals): boolean {
  try { process.kill(pid, sig); return true; } catch { return false; }
}

/**
 * Kills every process `find()` returns (except `spare`) until none is left. Each round stops
 * them all before killing any, so a loop that keeps spawning cannot fork between the look
 * and the kill; its newest children are caught by the next round.
 */
export async function killAll(find: () => number[], spare?: number): Promise<void> {
  const untouchable = new Set<number>();
  for (let round = 0; round < 60; round++) {
    const pids = find().filter((p) => p !== spare && !untouchable.has(p));
    if (!pids.length) return;
    for (const p of pids) if (!signal(p, 'SIGSTOP')) untouchable.add(p);
    for (const p of pids) signal(p, 'SIGKILL');
    // A killed process stays in the table until the kernel has torn it down.
    await new Promise((r) => setTimeout(r, round < 4 ? 5 : 20));
  }
}

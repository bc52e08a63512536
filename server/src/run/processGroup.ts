// Finds and signals the processes of a session's process group. Blocks run in the session shell
// without job control, so everything they start (background jobs, grandchildren) shares the
// shell's group unless it deliberately leaves it with setsid.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Pids whose process group is `pgid`. */
export function groupMembers(pgid: number): number[] {
  if (existsSync('/proc/self/stat')) {
    const pids: number[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // Fields after the command name, which is parenthesised and may contain spaces.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(name));
      } catch { /* exited meanwhile */ }
    }
    return pids;
  }
  const out = execFileSync('ps', ['-A', '-o', 'pid=,pgid='], { encoding: 'utf8', timeout: 2000 });
  return out.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter(([, g]) => g === pgid).map(([p]) => p);
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try { process.kill(pid, sig); } catch { /* already gone */ }
}

/** Signals every member of the group except `spare` (the session shell). */
export function signalGroupExcept(pgid: number, spare: number, sig: NodeJS.Signals): number {
  let n = 0;
  for (const pid of groupMembers(pgid)) if (pid !== spare) { signal(pid, sig); n++; }
  return n;
}

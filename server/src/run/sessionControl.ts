// How a session stops what it started, by phase: the local session signals processes itself
// (processTree.ts finds them); a remote one sends scripts over a second channel (targets/).
import { killAll, sessionProcesses, signal, startTime } from './processTree';

export interface SessionControl {
  /** SIGTERM to every process of the session, the shell included (it traps it and skips the block). */
  terminate(): void;
  /** SIGKILL to everything but the shell. */
  killChildren(): void;
  /** SIGKILL to the shell: the session ends. */
  killShell(): void;
  /** After the block ended: resolves once only the shell is left (stubborn ones are killed later). */
  settle(): Promise<void>;
  /** Every process the session started, the shell included (on exit and dispose). */
  killEverything(): Promise<void>;
}

export class LocalControl implements SessionControl {
  private startedAt?: number;
  constructor(private readonly pid: number | undefined, private readonly marker: string) {
    if (pid) this.startedAt = startTime(pid);
  }

  members(): number[] {
    if (!this.pid) return [];
    this.startedAt ??= startTime(this.pid);
    return sessionProcesses(this.pid, this.marker, this.startedAt);
  }

  terminate(): void { for (const p of this.members()) signal(p, 'SIGTERM'); }
  killChildren(): void { void killAll(() => this.members(), this.pid); }
  killShell(): void { if (this.pid) signal(this.pid, 'SIGKILL'); }

  settle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.members().some((p) => p !== this.pid) ? setTimeout(check, 25) : resolve());
      check();
    });
  }

  killEverything(): Promise<void> {
    const pid = this.pid;
    return pid ? killAll(() => sessionProcesses(pid, this.marker, this.startedAt)) : Promise.resolve();
  }
}

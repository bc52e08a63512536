// Cancel for a remote session: each phase is a script run over a second channel to the same
// host (an ssh mux session, another `kubectl exec`), since signals cannot cross the connection.
import { spawn } from 'node:child_process';
import type { SessionControl } from '../run/sessionControl';
import { controlScript, type ControlPhase } from './remoteScripts';

/** A program that runs the script on its stdin in the target. */
export interface ControlChannel { command: string; args: string[]; env: Record<string, string> }

/** A control script that takes longer than this is abandoned (the connection is likely gone). */
const CONTROL_TIMEOUT_MS = 10_000;

export function runControl(ch: ControlChannel, script: string, timeoutMs = CONTROL_TIMEOUT_MS): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '', stderr = '';
    let p;
    try { p = spawn(ch.command, ch.args, { env: ch.env, stdio: 'pipe' }); } catch (e) { resolve({ code: null, stdout, stderr: (e as Error).message }); return; }
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    p.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    p.on('error', (e) => { stderr += e.message; });
    p.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    p.stdin.on('error', () => undefined);
    p.stdin.end(script);
  });
}

export class RemoteControl implements SessionControl {
  constructor(private readonly ch: ControlChannel, private readonly dir: string, private readonly marker: string) {}

  private phase(p: ControlPhase): Promise<void> {
    return runControl(this.ch, controlScript(this.dir, this.marker, p)).then(() => undefined);
  }

  terminate(): void { void this.phase('term'); }
  killChildren(): void { void this.phase('kill-children'); }
  killShell(): void { void this.phase('kill-shell'); }
  settle(): Promise<void> { return this.phase('settle'); }
  killEverything(): Promise<void> { return this.phase('kill-all'); }
}

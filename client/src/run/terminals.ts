// One terminal per shell session (runbook × environment) showing the engine's output live, colours
// kept. The engine has already masked secret values in everything it emits.
import * as vscode from 'vscode';
import { basename, extname } from 'node:path';
import type { EngineEvents, RunEngine } from '../../../server/src/run/engine';
import { formatDuration, resultLabel } from '../../../server/src/run/label';

interface SessionTerminal {
  terminal: vscode.Terminal;
  write: vscode.EventEmitter<string>;
  /** Text not yet handed to the terminal (all of it until VS Code has opened it). */
  queue: string[];
  queued: number;
  opened: boolean;
  flushing?: NodeJS.Timeout;
}

// VS Code's terminal has no flow control: text is handed over at a bounded pace, and while more
// than QUEUE_HIGH characters wait, the engine stops reading step output (the step then blocks).
const SLICE = 256 * 1024, QUEUE_HIGH = 4 * 1024 * 1024, QUEUE_LOW = 1024 * 1024;

const keyOf = (runbook: string, env: string) => `${runbook}\0${env}`;
/** Terminals need CRLF; the session prints LF. */
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

export class SessionTerminals implements vscode.Disposable {
  private readonly terminals = new Map<string, SessionTerminal>();
  private readonly disposables: vscode.Disposable[] = [];

  /** `interrupt` is called when the user types Ctrl-C in a session's terminal. */
  constructor(private readonly engine: RunEngine, private readonly interrupt: (runbook: string, env: string) => void) {
    const on = <K extends keyof EngineEvents>(event: K, fn: (...a: EngineEvents[K]) => void) => {
      // Node's typed EventEmitter cannot relate a generic key to its listener type.
      const emitter = engine as unknown as NodeJS.EventEmitter;
      emitter.on(event, fn as (...a: unknown[]) => void);
      this.disposables.push({ dispose: () => emitter.off(event, fn as (...a: unknown[]) => void) });
    };
    on('start', e => {
      const t = this.get(e.runbook, e.env);
      t.terminal.show(true);
      const step = e.step !== undefined ? `step ${e.step} · ` : '';
      this.write(e.runbook, e.env, `\x1b[1;36m▶ ${step}${e.env} $\x1b[0m ${e.command.trimEnd().replace(/\n/g, '\n  ')}\n`);
    });
    on('output', e => this.write(e.runbook, e.env, e.text));
    on('notice', e => this.write(e.runbook, e.env, `\x1b[33m${e.message}\x1b[0m\n`));
    on('finish', e => {
      const r = e.result;
      const secs = formatDuration(r.durationMs);
      // The engine has ended the output's last line, so this stands on its own line.
      const line = r.status === 'ok' ? `\x1b[32m✓ done in ${secs}\x1b[0m`
        : r.failure && r.exitCode === 0 ? `\x1b[33m${resultLabel(r)}; the step went on, done in ${secs}\x1b[0m`
          : r.status === 'timeout' ? `\x1b[31m${resultLabel(r)}\x1b[0m` : `\x1b[31m${resultLabel(r)} after ${secs}\x1b[0m`;
      this.write(e.runbook, e.env, `${line}\n\n`);
    });
    this.disposables.push(vscode.window.onDidCloseTerminal(closed => {
      for (const [k, t] of this.terminals) if (t.terminal === closed) { this.terminals.delete(k); clearTimeout(t.flushing); t.write.dispose(); }
      // Its unshown output is gone with it: nothing may stay paused on its account.
      this.engine.setOutputPaused([...this.terminals.values()].some(o => o.queued >= QUEUE_LOW));
    }));
  }

  show(runbook: string, env: string): void { this.get(runbook, env).terminal.show(true); }

  private write(runbook: string, env: string, text: string): void {
    const t = this.get(runbook, env);
    const chunk = crlf(text);
    t.queue.push(chunk); t.queued += chunk.length;
    if (t.queued > QUEUE_HIGH) this.engine.setOutputPaused(true);
    this.flush(t);
  }

  private flush(t: SessionTerminal): void {
    if (!t.opened || t.flushing || !t.queue.length) return;
    let slice = '';
    while (t.queue.length && slice.length < SLICE) slice += t.queue.shift();
    t.queued -= slice.length;
    t.write.fire(slice);
    if (t.queued < QUEUE_LOW && ![...this.terminals.values()].some((o) => o.queued >= QUEUE_LOW)) this.engine.setOutputPaused(false);
    t.flushing = setTimeout(() => { t.flushing = undefined; this.flush(t); }, 10);
  }

  private get(runbook: string, env: string): SessionTerminal {
    const key = keyOf(runbook, env);
    let t = this.terminals.get(key);
    if (t) return t;
    const write = new vscode.EventEmitter<string>();
    const entry: SessionTerminal = { write, queue: [], queued: 0, opened: false, terminal: undefined as unknown as vscode.Terminal };
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      open: () => { entry.opened = true; this.flush(entry); },
      close: () => undefined,
      // The terminal only shows output; Ctrl-C in it cancels the running step, as in a shell.
      handleInput: data => { if (data.includes('\x03')) this.interrupt(runbook, env); },
    };
    entry.terminal = vscode.window.createTerminal({ name: terminalName(runbook, env), pty, iconPath: new vscode.ThemeIcon('play') });
    this.terminals.set(key, entry);
    return entry;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const t of this.terminals.values()) { clearTimeout(t.flushing); t.terminal.dispose(); t.write.dispose(); }
    this.terminals.clear();
  }
}

/** A tab shows a few words: the runbook's file name without folder or `.md`, then the environment. */
export function terminalName(runbook: string, env: string): string {
  const name = basename(runbook, extname(runbook));
  return `${name.length > 32 ? `${name.slice(0, 31)}…` : name} · ${env}`;
}

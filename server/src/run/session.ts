// A persistent bash session: blocks are sourced into one long-lived shell, so exports and
// functions carry over. Each block's end and exit code come from a random marker line.
// A step is a sequence of commands: an ERR trap and a DEBUG-trap look at PIPESTATUS record the
// first command of the block that failed (pipefail semantics for the report only; `$?` and
// PIPESTATUS stay what the block's own commands see), so a block that ends with exit 0 after a
// failure is not shown as a success. Strict mode returns from the block at that failure.
// Cancel: SIGTERM to every process of the session (the shell traps it and skips the rest of the
// block), after 1 s SIGKILL to everything but the shell, then to the shell too if it is still in
// the block. "Every process" is found by processTree.ts, which follows steps out of the group.
// A remote session (`remote`: ssh, kubectl exec) runs the same protocol in a bash on the other
// side: the variables and block files go over stdin, and cancel goes through a second channel.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { SentinelScanner } from './sentinel';
import { StreamRedactor, redact } from './redact';
import { BoundedCapture } from './capture';
import { spawnFailure } from './spawnFailure';
import { LocalControl, type SessionControl } from './sessionControl';
import { RemoteControl, type ControlChannel } from '../targets/remoteControl';
import { prelude, writeBlock } from '../targets/remoteScripts';

export type BlockStatus = 'ok' | 'failed' | 'cancelled' | 'timeout' | 'session-exit' | 'session-died';

export interface BlockOutcome {
  status: BlockStatus;
  /** The block's exit code; for a dead shell, 128 + signal number. */
  exitCode: number;
  /** Redacted output, head and tail kept up to the capture limit. */
  output: string;
  truncated: boolean;
  outputChars: number;
  durationMs: number;
  /** Set when the session is gone after this block (exit, death, forced cancel). */
  sessionEnded?: string;
  /** A remote session's connection dropped during the block: it may have partly run. */
  connectionLost?: boolean;
  /** Remote sessions: the first line the block wrote to stderr (masked). */
  firstStderrLine?: string;
  /** The first command of the block that failed, even when a later one succeeded. */
  failure?: CommandFailure;
}

export interface CommandFailure {
  /** 1-based line in the block. */
  line: number;
  exitCode: number;
  /** That line of the block (secret values masked). */
  text: string;
}

/** `report`: the block runs to its end and its first failure is reported; `strict`: it stops there. */
export type OnFailure = 'report' | 'strict';

export interface SessionOptions {
  cwd: string;
  env: Record<string, string>;
  secretValues?: string[];
  bashPath?: string;
  /** Runs the session on another machine instead of here. */
  remote?: RemoteSpec;
}

/** A bash on the other side of a program (ssh, kubectl exec) that relays its stdin and stdout. */
export interface RemoteSpec {
  /** Named in messages: `ops@web-1`, `pod payments/api-0`. */
  label: string;
  command: string;
  args: string[];
  /** The local program's own environment (no variables or secrets of the runbook's). */
  env: Record<string, string>;
  control: ControlChannel;
  /** Exported in the remote shell, sent over stdin. */
  exported: Record<string, string>;
  /** The program's exit code for a failed or dropped connection (ssh: 255), if it has one. */
  lostExitCode?: number;
  /** Removes local files the transport made (ssh's control socket folder). */
  cleanup?: () => void;
}

export interface BlockOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Characters kept for the record (head + tail). */
  captureLimit?: number;
  /** Values masked in this block's output besides the session's (e.g. a secret placeholder's). */
  secretValues?: string[];
  onFailure?: OnFailure;
  /** Names the block file bash mentions in its messages (`step-4.sh: line 1: …`). */
  name?: string;
}

/** Exit codes recorded for a stopped block, as timeout(1) and a shell's Ctrl-C give them. */
export const EXIT_TIMEOUT = 124;
export const EXIT_CANCELLED = 130;

/** How long each cancel phase waits: TERM → KILL children → KILL the shell. */
export const CANCEL_PHASES_MS = [1000, 1500] as const;

// Both traps return from the sourced block when strict mode has seen a failure; the halt is
// cleared first, so the shell's own commands after the block are not affected.
const HALT = '[[ -z $__runbook_halt ]] || { __runbook_h=$__runbook_halt; __runbook_halt=; return "$__runbook_h"; }';
// Each trap body is one group whose stderr is fd 18 (/dev/null): under the step's own `set -x`
// the trace of the traps' commands goes there, and `$_` is given back by the group's last command.
// The DEBUG trap also fires inside the ERR trap, so each keeps what it saves in its own variables.
// Few commands, because a DEBUG trap runs before every top-level command of the step.
const ERR_TRAP = `{ __runbook_es=$? __runbook_eu=$_; __runbook_err "$LINENO" "$__runbook_es"; ${HALT}; : "$__runbook_eu"; } 2>&18`;
// Set by the block file's first line (a DEBUG trap set outside `source` is suspended inside it,
// and functrace would reach into functions). It saves PIPESTATUS, the previous command's line and
// `$_`. The RETURN trap at the end of the block makes it run once more, for the last pipeline.
const DEBUG_TRAP = '{ __runbook_ps=("${PIPESTATUS[@]}") __runbook_du=$_ __runbook_pl=$__runbook_line __runbook_line=$LINENO; ' +
  `((\${#__runbook_ps[@]} < 2)) || __runbook_pipes "$__runbook_pl"; ${HALT}; : "$__runbook_du"; } 2>&18`;
const BLOCK_PREFIX = `{ trap ${bashQuote(DEBUG_TRAP)} DEBUG; } 2>&18; `;

function bashQuote(s: string): string { return `'${s.replace(/'/g, `'\\''`)}'`; }

// A remote shell keeps stderr apart (ssh carries it on its own channel, so a fleet's summary can
// show each host's first error line); fd 17 is that stderr, where the block's end is marked too,
// so the session knows both streams of a block are complete.
const init = (remote: boolean) => [
  // fd 18: where the traps send their own xtrace (a dup is cheaper than opening /dev/null each time).
  remote ? 'exec 17>&2 19>&1 18>/dev/null' : 'exec 2>&1 19>&1 18>/dev/null',
  '__runbook_abort() { shopt -s extdebug; trap __runbook_skip DEBUG; }',
  '__runbook_skip() { if [[ $BASH_COMMAND == __runbook_done* ]]; then trap - DEBUG; return 0; fi; return 2; }',
  // Only the block's own commands count: not those inside functions or files it sources.
  '__runbook_note() { [[ -n $__runbook_fail ]] && return 0; __runbook_fail="$1:$2"; [[ -z $__runbook_strict ]] || __runbook_halt=$2; }',
  '__runbook_err() { [[ ${BASH_SOURCE[1]} == "$__runbook_file" ]] && __runbook_note "$1" "$2"; return 0; }',
  // 141 is SIGPIPE: `… | head` ending early is normal, not a failure.
  '__runbook_pipes() { local i; for ((i = 0; i < ${#__runbook_ps[@]} - 1; i++)); do if [[ ${__runbook_ps[i]} != 0 && ${__runbook_ps[i]} != 141 ]]; then __runbook_note "$1" "${__runbook_ps[i]}"; return 0; fi; done; }',
  `__runbook_begin() { __runbook_file=$1 __runbook_strict=$2 __runbook_fail= __runbook_halt= __runbook_line=0; trap ${bashQuote(ERR_TRAP)} ERR; trap '{ :; } 2>&18' RETURN; }`,
  `__runbook_done() { local s=$1; trap - DEBUG ERR RETURN; shopt -u extdebug; printf '%s:%d:%s\\n' "$2" "$s" "$__runbook_fail" >&19;${remote ? ` printf '%s:0:\\n' "$2" >&17;` : ''} }`,
  '',
].join('\n');

interface Current {
  scanner: SentinelScanner;
  redactor: StreamRedactor;
  capture: BoundedCapture;
  started: number;
  reason?: 'cancelled' | 'timeout';
  /** The shell finished the block (after a cancel); only its leftovers may still be running. */
  markerSeen?: boolean;
  timers: NodeJS.Timeout[];
  failureAt: (line: number, exitCode: number) => CommandFailure;
  /** The `set -x` trace of the session sourcing the block, which is not the step's output. */
  sourceTrace: string;
  /** Remote: the block's stderr, its own stream until its end marker. */
  err?: { scanner: SentinelScanner; redactor: StreamRedactor; seen: boolean; text: string };
  /** The stdout marker, once seen (the block ends when stderr's is seen too). */
  end?: { exitCode: number; failure?: { line: number; exitCode: number }; rest?: string };
  finish: (o: Omit<BlockOutcome, 'output' | 'truncated' | 'outputChars' | 'durationMs'>) => void;
}

export class ShellSession extends EventEmitter {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly dir: string;
  private readonly remote?: RemoteSpec;
  private readonly control: SessionControl;
  /** Remote only: the marker that ends the connection's own output, until it is seen. */
  private ready?: SentinelScanner;
  private lastStderr = '';
  private readonly secrets: string[];
  private readonly decoder = new StringDecoder('utf8');
  private current?: Current;
  private seq = 0;
  private exited?: { code: number | null; signal: NodeJS.Signals | null };
  /** Inherited by everything the session starts, so leftovers are found wherever they went. */
  private readonly marker = `RUNBOOK_SESSION=${randomBytes(8).toString('hex')}`;

  constructor(opts: SessionOptions) {
    super();
    this.remote = opts.remote;
    // A remote folder is named here (and made there, 0700), so its block paths are known.
    this.dir = this.remote ? `/tmp/runbook-session-${randomBytes(8).toString('hex')}` : mkdtempSync(join(tmpdir(), 'runbook-session-'));
    this.secrets = opts.secretValues ?? [];
    const env = { ...opts.env };
    // Start-up files and inherited options would make sessions differ from machine to machine.
    delete env.BASH_ENV; delete env.ENV; delete env.SHELLOPTS; delete env.BASHOPTS;
    env.RUNBOOK_SESSION = this.marker.slice('RUNBOOK_SESSION='.length);
    try {
      this.proc = this.remote
        ? spawn(this.remote.command, this.remote.args, { cwd: opts.cwd, env: this.remote.env, detached: true, stdio: 'pipe' })
        : spawn(opts.bashPath ?? 'bash', ['--noprofile', '--norc'], { cwd: opts.cwd, env, detached: true, stdio: 'pipe' });
    } catch (e) {
      // Synchronous failures (E2BIG): asynchronous ones arrive as 'error' below.
      this.cleanup();
      throw new Error(spawnFailure(e as NodeJS.ErrnoException, env));
    }
    this.proc.stdin.on('error', () => { /* the shell exited; reported through 'exit' */ });
    this.proc.stdout.on('data', (b: Buffer) => this.onData(this.decoder.write(b)));
    this.proc.stderr.on('data', (b: Buffer) => { const t = b.toString('utf8'); this.noteStderr(t); if (this.remote) this.onStderr(t); else this.onData(t); });
    this.proc.on('error', (e) => this.onExit(null, null, `Cannot start ${this.remote?.command ?? 'bash'}: ${e.message}`));
    this.proc.on('exit', (code, sig) => setTimeout(() => this.onExit(code, sig), 50));
    if (this.remote) {
      this.control = new RemoteControl(this.remote.control, this.dir, this.marker);
      const ready = `__RUNBOOK_READY_${randomBytes(16).toString('hex')}`;
      this.ready = new SentinelScanner(ready);
      this.proc.stdin.write(prelude(this.dir, this.marker, this.remote.exported, ready));
    } else this.control = new LocalControl(this.proc.pid, this.marker);
    this.proc.stdin.write(init(!!this.remote));
  }

  /** Where the session runs, for messages (`ops@web-1`), or undefined when local. */
  get label(): string | undefined { return this.remote?.label; }

  private noteStderr(text: string): void {
    const lines = (this.lastStderr + text).split('\n').map((l) => l.trim()).filter(Boolean);
    this.lastStderr = lines.at(-1) ?? this.lastStderr;
  }

  get pid(): number | undefined { return this.proc.pid; }
  get alive(): boolean { return !this.exited; }
  get busy(): boolean { return !!this.current; }

  /**
   * Stops reading the shell's output until `resume`: the pipe fills and the step's writes block,
   * so a step printing faster than its reader is slowed down instead of buffered in memory.
   */
  pause(): void { this.proc.stdout.pause(); this.proc.stderr.pause(); }
  resume(): void { this.proc.stdout.resume(); this.proc.stderr.resume(); }

  run(command: string, opts: BlockOptions = {}): Promise<BlockOutcome> {
    if (this.exited) return Promise.reject(new Error('The session has ended.'));
    if (this.current) return Promise.reject(new Error('A block is already running in this session.'));
    const token = `__RUNBOOK_${randomBytes(16).toString('hex')}`;
    ++this.seq;
    const file = `${this.dir}/${safeName(opts.name) ?? `block-${this.seq}`}.sh`;
    // Runbooks edited on Windows carry CRLF, which bash would read as part of each command.
    const text = command.replace(/\r\n/g, '\n');
    // On the first line, so bash's line numbers stay the block's.
    const content = BLOCK_PREFIX + (text.endsWith('\n') ? text : `${text}\n`);
    // Remotely the file is written by the shell itself from a here-document, and removed after.
    let writeRemote = '', removeRemote = '';
    if (this.remote) { writeRemote = writeBlock(file, content, `__RUNBOOK_EOF_${randomBytes(16).toString('hex')}`); removeRemote = ` rm -f '${file}';`; }
    else writeFileSync(file, content, { mode: 0o600 });
    const blockSecrets = [...this.secrets, ...(opts.secretValues ?? [])];
    const capture = new BoundedCapture(opts.captureLimit ?? 256 * 1024);
    return new Promise<BlockOutcome>((resolve) => {
      const cur: Current = {
        scanner: new SentinelScanner(token), capture, started: Date.now(), timers: [],
        redactor: new StreamRedactor(blockSecrets), sourceTrace: `+ source ${basename(file)}\n`,
        ...(this.remote ? { err: { scanner: new SentinelScanner(token), redactor: new StreamRedactor(blockSecrets), seen: false, text: '' } } : {}),
        failureAt: (line, exitCode) => ({ line, exitCode, text: redact(text.split('\n')[line - 1] ?? '', blockSecrets).trim() }),
        finish: (o) => {
          cur.timers.forEach(clearTimeout);
          // The block file holds the command as confirmed, filled-in values included.
          if (!this.remote) rmSync(file, { force: true });
          opts.signal?.removeEventListener('abort', onAbort);
          this.current = undefined;
          resolve({ ...o, output: capture.text(), truncated: capture.truncated, outputChars: capture.totalChars, durationMs: Date.now() - cur.started });
        },
      };
      const onAbort = () => this.cancel();
      this.current = cur;
      if (opts.timeoutMs) cur.timers.push(setTimeout(() => this.cancel('timeout'), opts.timeoutMs));
      if (opts.signal?.aborted) queueMicrotask(onAbort); else opts.signal?.addEventListener('abort', onAbort);
      // The session's own commands are kept out of a `set -x` trace (the token most of all).
      this.proc.stdin.write(`${writeRemote}{ __runbook_begin '${file}' ${opts.onFailure === 'strict' ? 1 : "''"}; trap __runbook_abort TERM; } 2>/dev/null; source '${file}' </dev/null; { __runbook_done $? ${token};${removeRemote} } 2>/dev/null\n`);
    });
  }

  /** Stops the running block and everything it started. Resolves the block's promise within 2 s. */
  cancel(reason: 'cancelled' | 'timeout' = 'cancelled'): void {
    const cur = this.current, pid = this.proc.pid;
    if (!cur || cur.reason || !pid) return;
    cur.reason = reason;
    this.control.terminate();
    cur.timers.push(setTimeout(() => this.control.killChildren(), CANCEL_PHASES_MS[0]));
    // Still in the block: it ignores SIGTERM itself (a `trap '' TERM` loop), so the session goes.
    cur.timers.push(setTimeout(() => { if (!cur.markerSeen) this.killShell(); }, CANCEL_PHASES_MS[1]));
  }

  private killShell(): void {
    this.control.killShell();
    // A remote shell that the control channel cannot reach: the connection itself is closed.
    if (this.remote) setTimeout(() => { if (!this.exited) this.proc.kill('SIGKILL'); }, 2000).unref();
  }

  /** Ends the session and every process it started. */
  dispose(): Promise<void> {
    const pid = this.proc.pid;
    if (this.exited || !pid) { this.cleanup(); return Promise.resolve(); }
    return new Promise((resolve) => {
      this.once('end', () => resolve());
      // The shell traps SIGTERM (to abort blocks), so it is told to leave by end of input.
      if (this.current) this.control.terminate();
      this.proc.stdin.end();
      setTimeout(() => { if (!this.exited) void this.control.killEverything(); }, CANCEL_PHASES_MS[0]).unref();
      if (this.remote) setTimeout(() => { if (!this.exited) this.proc.kill('SIGKILL'); }, 4000).unref();
    });
  }

  private onData(text: string): void {
    if (this.ready) {
      // The connection's own messages (a banner, ssh warnings) come before the ready marker.
      const r = this.ready.push(text);
      if (r.text) this.emitOutput(redact(r.text, this.secrets));
      if (r.exitCode === undefined) return;
      this.ready = undefined;
      text = r.rest ?? '';
      if (!text) return;
    }
    const cur = this.current;
    if (!cur) { this.emitOutput(redact(text, this.secrets)); return; }
    const r = cur.scanner.push(text);
    // Bash names the sourced temp file in its messages; the folder is noise to the reader.
    if (r.text) { const t = cur.redactor.push(r.text.split(`${this.dir}/`).join('').split(BLOCK_PREFIX).join('').split(cur.sourceTrace).join('')); cur.capture.push(t); this.emitOutput(t); }
    if (r.exitCode === undefined) return;
    const tail = cur.redactor.flush();
    if (tail) { cur.capture.push(tail); this.emitOutput(tail); }
    cur.end = { exitCode: r.exitCode, failure: r.failure, rest: r.rest };
    this.endBlock(cur);
  }

  /** Remote stderr: the block's (up to its marker) is kept apart for its first line too. */
  private onStderr(text: string): void {
    const cur = this.current;
    if (this.ready || !cur?.err || cur.err.seen) { this.emitOutput(redact(text, this.secrets)); return; }
    const r = cur.err.scanner.push(text);
    const show = (t: string) => { if (!t) return; cur.err!.text += t.slice(0, 4096 - cur.err!.text.length); cur.capture.push(t); this.emitOutput(t); };
    if (r.text) show(cur.err.redactor.push(r.text.split(`${this.dir}/`).join('')));
    if (r.exitCode === undefined) return;
    show(cur.err.redactor.flush());
    cur.err.seen = true;
    this.endBlock(cur);
    if (r.rest) this.emitOutput(redact(r.rest, this.secrets));
  }

  /** Both streams of the block are complete (stdout's marker, and stderr's when remote). */
  private endBlock(cur: Current): void {
    const end = cur.end;
    if (!end || (cur.err && !cur.err.seen) || this.current !== cur) return;
    const firstStderrLine = cur.err?.text.split('\n').map((l) => l.trim()).find(Boolean);
    if (cur.reason) this.settleCancel(cur, end.exitCode);
    else {
      const failure = end.failure ? cur.failureAt(end.failure.line, end.failure.exitCode) : undefined;
      cur.finish({ status: end.exitCode === 0 && !failure ? 'ok' : 'failed', exitCode: end.exitCode, ...(failure ? { failure } : {}), ...(firstStderrLine ? { firstStderrLine } : {}) });
    }
    if (end.rest) this.emitOutput(redact(end.rest, this.secrets));
  }

  /**
   * The shell has left the block, but background jobs may still be dying from SIGTERM: the
   * cancel is only done when none is left (the SIGKILL phase takes care of stubborn ones).
   */
  private settleCancel(cur: Current, _exitCode: number): void {
    cur.markerSeen = true;
    void this.control.settle().then(() => {
      if (this.current !== cur) return;
      // What the shell saw of a cancelled block (often 0: the rest was skipped) is not its result.
      cur.finish({ status: cur.reason!, exitCode: cur.reason === 'timeout' ? EXIT_TIMEOUT : EXIT_CANCELLED });
    });
  }

  private emitOutput(text: string): void {
    if (text) this.emit('output', text);
  }

  private onExit(code: number | null, sig: NodeJS.Signals | null, error?: string): void {
    if (this.exited) return;
    this.exited = { code, signal: sig };
    // Background jobs left behind belong to the ended session, wherever they went (remotely,
    // over a new connection when the old one dropped).
    const connected = !this.ready;
    const lost = !!this.remote && this.remote.lostExitCode !== undefined && code === this.remote.lostExitCode;
    const leftovers = this.remote && !connected ? Promise.resolve() : this.control.killEverything();
    const cur = this.current;
    if (cur) {
      const rest = cur.redactor.push(cur.scanner.flush() + this.decoder.end()) + cur.redactor.flush()
        + (cur.err && !cur.err.seen ? cur.err.redactor.push(cur.err.scanner.flush()) + cur.err.redactor.flush() : '');
      if (rest) { cur.capture.push(rest); this.emitOutput(rest); }
      let status: BlockStatus, exitCode: number, message: string;
      if (cur.reason) {
        status = cur.reason; exitCode = code ?? 137;
        message = `The block did not stop on SIGTERM, so the session was killed. The next run starts a new session.`;
      } else if (this.remote && !connected) {
        status = 'session-died'; exitCode = code ?? 255;
        message = `Cannot connect to ${this.remote.label}: ${this.lastStderr || error || `${this.remote.command} exited with ${code ?? sig}`}. Nothing ran.`;
      } else if (lost) {
        status = 'session-died'; exitCode = code!;
        message = lostMessage(this.remote!.label, true);
        this.connectionLost = true;
      } else if (error) {
        status = 'session-died'; exitCode = 127; message = error;
      } else if (code !== null) {
        status = 'session-exit'; exitCode = code;
        message = `The block ended the session (exit ${code}). The next run starts a new session.`;
      } else {
        status = 'session-died'; exitCode = 128 + signalNumber(sig);
        message = `The shell session died (${sig}) while running the block. The next run starts a new session.`;
      }
      cur.finish({ status, exitCode, sessionEnded: message, ...(this.connectionLost ? { connectionLost: true } : {}) });
    } else if (lost && connected) {
      this.connectionLost = true;
      this.endedWith = lostMessage(this.remote!.label, false);
    }
    this.cleanup();
    void leftovers.then(() => this.emit('end', this.exited));
  }

  private cleanup(): void {
    if (this.remote) this.remote.cleanup?.();
    else rmSync(this.dir, { recursive: true, force: true });
  }

  /** The connection dropped (during a block or between blocks): the next run asks before reconnecting. */
  connectionLost = false;
  /** Why an idle session ended, when that is worth telling the next run. */
  endedWith?: string;
}

function lostMessage(label: string, duringStep: boolean): string {
  return duringStep
    ? `Connection to ${label} lost during the step; the step may have partly run. Check on the host before running it again.`
    : `Connection to ${label} was lost while the session was idle; its exports and functions are gone.`;
}

/** A block file name made of safe characters only, or undefined. */
function safeName(name: string | undefined): string | undefined {
  const n = name?.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  return n || undefined;
}

function signalNumber(sig: NodeJS.Signals | null): number {
  const n: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };
  return (sig && n[sig]) || 0;
}

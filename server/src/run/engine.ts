// The run engine the CLI and the VS Code layer share: one persistent session per (runbook,
// environment), PromQL blocks through an injected query, a record per run, and events a client
// turns into a terminal, a progress notification and lens labels. No vscode import.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { ShellSession, EXIT_CANCELLED, EXIT_TIMEOUT, type BlockOutcome, type OnFailure } from './session';
import { RunRecorder, type RunRecord } from './records';
import { matchExpected, type ExpectedMatch } from './expected';
import { formatQueryResult, noPrometheus, queriesOf, type InstantQuery } from './promql';
import { operatorIn } from './operator';
import { longRunningReason } from './longRunning';
import { redact } from './redact';
import type { ResolvedEnvironment } from '../environments/types';
import type { VerifySpec } from '../verify/spec';
import { pollConditions, verificationSummary, type VerificationOutcome } from '../verify/poll';
import { formatDuration } from './label';
import { remoteSpec } from '../targets/remoteSpec';
import { hostLabel, type KubectlTarget, type SshTarget } from '../targets/types';
import type { HostLines } from '../targets/hostOutput';
import { runOnFleet, type FleetHosts } from '../targets/fleetRun';

export interface StepRequest {
  runbook: string;
  /** `step`: the block's step number (1-based among runnable blocks), as the editor shows it. */
  block: { index: number; step?: number; lang: string; sectionPath: string[]; verify?: VerifySpec };
  /** The final command (placeholders filled, confirmed): what runs and what is recorded. */
  command: string;
  env: ResolvedEnvironment;
  /** Body of the block's "Expected output" block, if any. */
  expectedOutput?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Values masked for this step besides the environment's secrets (secret-named placeholders). */
  secretValues?: string[];
  /** Report a failing command and go on (default), or stop the step there. */
  onFailure?: OnFailure;
}

type RecordResult = { ok: true; file: string } | { ok: false; error: string };

export interface StepResult extends BlockOutcome {
  runId: string;
  expected?: ExpectedMatch;
  /** A verification or precondition step: whether its conditions held, and the last value of one that did not. */
  verification?: VerificationOutcome;
  /** Where the record went, or why it could not be written (a fleet's: the first that failed). */
  record?: RecordResult;
  /** A fleet: each host's outcome, in the fleet's order (one record each). */
  hosts?: FleetHosts;
}

export interface EngineOptions {
  recorder?: RunRecorder;
  instantQuery?: InstantQuery;
  bashPath?: string;
  /** Output characters kept in memory per block (head + tail) for the record and expected match. */
  captureLimit?: number;
  /**
   * Asked before a new session replaces one whose connection dropped (the step may have partly
   * run). Without it, such a run is refused until the session is reset.
   */
  confirmReconnect?: (info: { runbook: string; env: string; host: string; reason: string }) => Promise<boolean>;
}

export interface EngineEvents {
  start: [{ runId: string; runbook: string; env: string; blockIndex: number; step?: number; command: string }];
  output: [{ runbook: string; env: string; text: string }];
  finish: [{ runId: string; runbook: string; env: string; blockIndex: number; step?: number; result: StepResult }];
  notice: [{ runbook: string; env: string; message: string }];
}

const keyOf = (runbook: string, env: string) => `${runbook}\0${env}`;
/** One session per runbook, environment and host (a fleet has one per host). */
const sessionKeyOf = (key: string, host?: SshTarget | KubectlTarget) => (host?.kind === 'ssh' ? `${key}\0${hostLabel(host)}` : key);

export class RunEngine extends EventEmitter<EngineEvents> {
  private readonly sessions = new Map<string, ShellSession>();
  /** Why the last session of a key ended, told to the user when the next one starts. */
  private readonly ended = new Map<string, string>();
  /** Sessions whose connection dropped: the next run asks before reconnecting. */
  private readonly lost = new Map<string, string>();
  /** Where a fleet host's session output goes during the current step. */
  private readonly sink = new Map<string, HostLines | undefined>();
  private readonly running = new Map<string, AbortController>();
  /** Whether the output shown for a key ends a line, so the status line starts on its own. */
  private readonly atLineStart = new Map<string, boolean>();

  constructor(private readonly opts: EngineOptions = {}) { super(); }

  async runStep(req: StepRequest): Promise<StepResult> {
    const runId = randomUUID();
    const key = keyOf(req.runbook, req.env.name);
    // Refused before anything is shown or recorded: the running step keeps its cancel.
    if (this.running.has(key)) return { ...failure(`A step of ${req.runbook} is already running on "${req.env.name}"; cancel it or wait.`), runId };
    const ac = new AbortController();
    if (req.signal?.aborted) ac.abort();
    this.running.set(key, ac);
    const started = new Date();
    let outcome: BlockOutcome & { verification?: VerificationOutcome };
    let hosts: StepResult['hosts'];
    try {
      this.atLineStart.set(key, true);
      this.emit('start', { runId, runbook: req.runbook, env: req.env.name, blockIndex: req.block.index, step: req.block.step, command: redact(req.command, secretsOf(req)) });
      if (req.block.lang === 'promql' && req.block.verify) outcome = await this.runVerification(req, req.block.verify, ac);
      else if (req.block.lang === 'promql') outcome = await this.runQuery(req, ac);
      else if (req.env.target.kind === 'invalid') outcome = failure(`Environment "${req.env.name}" cannot run steps: ${req.env.target.reason}.`);
      else if (req.env.target.kind === 'fleet' && req.env.shell === 'bash') ({ outcome, hosts } = await runOnFleet(req.env.target, ac.signal, (t) => this.output(req, t), (h, lines) => this.runShell(req, key, ac, h, lines)));
      else if (req.env.shell === 'bash' && longRunningReason(req.command)) {
        this.emit('notice', { runbook: req.runbook, env: req.env.name, message: `${longRunningReason(req.command)} until it is stopped: cancel the step (Ctrl-C in this terminal, or Cancel) when you have seen enough.` });
        outcome = await this.runShell(req, key, ac);
      } else if (req.env.shell !== 'bash') {
        outcome = failure(`Environment "${req.env.name}" uses ${req.env.shell}, which this version cannot run; use bash.`);
      } else outcome = await this.runShell(req, key, ac);
    } finally {
      if (this.running.get(key) === ac) this.running.delete(key);
    }
    if (this.atLineStart.get(key) === false) this.output(req, '\n');

    const result: StepResult = { ...outcome, runId, ...(hosts ? { hosts } : {}) };
    if (req.expectedOutput !== undefined && outcome.status === 'ok' && !hosts) result.expected = matchExpected(req.expectedOutput, outcome.output);
    if (hosts) {
      // One record per host that ran: the timeline says what happened where.
      for (const h of hosts) {
        if (!h.outcome.ran) continue;
        const r = await this.record(req, started, h.outcome.result, undefined, h.host);
        if (r && (!result.record || (result.record.ok && !r.ok))) result.record = r;
      }
    } else {
      const host = req.env.target.kind === 'ssh' ? hostLabel(req.env.target) : undefined;
      result.record = await this.record(req, started, outcome, result.expected, host);
    }
    this.emit('finish', { runId, runbook: req.runbook, env: req.env.name, blockIndex: req.block.index, step: req.block.step, result });
    return result;
  }

  private async record(req: StepRequest, started: Date, outcome: BlockOutcome & { verification?: VerificationOutcome }, expected: ExpectedMatch | undefined, host?: string): Promise<RecordResult | undefined> {
    if (!this.opts.recorder) return undefined;
    const rec: RunRecord = {
      time: started.toISOString(), runbook: req.runbook, section: req.block.sectionPath, block: req.block.index, step: req.block.step,
      environment: req.env.name, ...(host ? { host } : {}), kind: req.block.lang === 'promql' ? 'promql' : 'shell', command: req.command,
      status: outcome.status, exitCode: outcome.exitCode, durationMs: outcome.durationMs,
      output: outcome.output, outputTruncated: outcome.truncated, outputChars: outcome.outputChars,
      expected, note: outcome.sessionEnded, failure: outcome.failure, ranBy: await operatorIn(req.env.cwd),
      ...(outcome.verification ? { verification: outcome.verification } : {}),
    };
    return this.opts.recorder.append(rec, secretsOf(req));
  }

  /** True while a step runs for (runbook, env); a second one is refused until it ends. */
  isRunning(runbook: string, env: string): boolean {
    return this.running.has(keyOf(runbook, env));
  }

  /** Cancels the step running for (runbook, env), if any. */
  cancel(runbook: string, env: string): void {
    const key = keyOf(runbook, env);
    this.running.get(key)?.abort();
  }

  /** Ends the session; the next run starts a fresh one. */
  async resetSession(runbook: string, env: string): Promise<void> {
    const key = keyOf(runbook, env);
    const mine = (k: string) => k === key || k.startsWith(`${key}\0`);
    const all = [...this.sessions.entries()].filter(([k]) => mine(k));
    for (const [k] of all) this.sessions.delete(k);
    for (const m of [this.ended, this.lost]) for (const k of [...m.keys()]) if (mine(k)) m.delete(k);
    await Promise.all(all.map(([, s]) => s.dispose()));
  }

  /** Disposes every session of a runbook (it was closed). */
  async disposeRunbook(runbook: string): Promise<void> {
    const envs = new Set([...this.sessions.keys()].filter((k) => k.startsWith(`${runbook}\0`)).map((k) => k.slice(runbook.length + 1).split('\0')[0]));
    await Promise.all([...envs].map((env) => this.resetSession(runbook, env)));
  }

  /**
   * Backpressure from whoever shows the output (a slow pipe, a busy terminal): while paused, no
   * session's output is read, so memory stays bounded however much a step prints.
   */
  setOutputPaused(paused: boolean): void {
    this.outputPaused = paused;
    for (const s of this.sessions.values()) if (paused) s.pause(); else s.resume();
  }
  private outputPaused = false;

  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.dispose()));
  }

  private async session(req: StepRequest, key: string, host?: SshTarget | KubectlTarget): Promise<ShellSession | string> {
    let s = this.sessions.get(key);
    if (s?.alive) return s;
    const lost = this.lost.get(key);
    if (lost) {
      // Never a silent new session after a drop: the half-run step must not be run again unseen.
      const ask = this.opts.confirmReconnect;
      const label = host?.kind === 'ssh' ? hostLabel(host) : req.env.name;
      if (!ask || !(await ask({ runbook: req.runbook, env: req.env.name, host: label, reason: lost }))) {
        return `Not reconnected to ${label}: ${lost} Reset the session to reconnect.`;
      }
      this.lost.delete(key);
    }
    const previous = this.ended.get(key);
    // A kubectl selector is looked up here; a failure says why, and no session starts.
    let remote;
    try { remote = host ? await remoteSpec(host, req.env) : undefined; } catch (e) { return (e as Error).message; }
    s = new ShellSession({ cwd: req.env.cwd, env: req.env.processEnv, secretValues: req.env.secretValues, bashPath: this.opts.bashPath, remote });
    // A fleet host's output goes through its line prefixer for the step that runs now.
    s.on('output', (text: string) => { const l = this.sink.get(key); if (l) l.push(text); else this.output(req, text); });
    s.on('end', () => {
      if (this.sessions.get(key) === s) this.sessions.delete(key);
      if (s.connectionLost) this.lost.set(key, s.endedWith ?? `the connection to ${s.label} was lost.`);
    });
    this.sessions.set(key, s);
    if (this.outputPaused) s.pause();
    if (previous) {
      this.ended.delete(key);
      this.emit('notice', { runbook: req.runbook, env: req.env.name, message: `Started a new shell session on "${req.env.name}"${remote ? ` (${remote.label})` : ''}: ${previous}` });
    }
    return s;
  }

  private async runShell(req: StepRequest, key: string, ac: AbortController, fleetHost?: SshTarget, lines?: HostLines): Promise<BlockOutcome> {
    const onAbort = () => ac.abort();
    req.signal?.addEventListener('abort', onAbort);
    try {
      const t = req.env.target;
      const host = fleetHost ?? (t.kind === 'ssh' || t.kind === 'kubectl' ? t : undefined);
      const sk = sessionKeyOf(key, host);
      const session = await this.session(req, sk, host);
      this.sink.set(sk, lines);
      if (typeof session === 'string') { this.emit('notice', { runbook: req.runbook, env: req.env.name, message: session }); return failure(session); }
      const out = await session.run(req.command, {
        timeoutMs: req.timeoutMs, signal: ac.signal, captureLimit: this.opts.captureLimit, secretValues: req.secretValues,
        onFailure: req.onFailure, name: req.block.step !== undefined ? `step-${req.block.step}` : undefined,
      });
      if (out.connectionLost) this.lost.set(sk, out.sessionEnded!);
      if (out.sessionEnded) {
        this.ended.set(sk, out.sessionEnded);
        this.emit('notice', { runbook: req.runbook, env: req.env.name, message: out.sessionEnded });
      }
      return out;
    } catch (e) {
      // The shell never started (E2BIG, no bash): the terminal and the CLI say why.
      this.emit('notice', { runbook: req.runbook, env: req.env.name, message: (e as Error).message });
      return failure((e as Error).message);
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async runQuery(req: StepRequest, ac: AbortController): Promise<BlockOutcome> {
    const t0 = Date.now();
    if (!this.opts.instantQuery) return failure('PromQL steps need a Prometheus client, and none is configured.');
    if (!req.env.prometheus) {
      this.output(req, `${noPrometheus(req.env.name)}\n`);
      return failure(noPrometheus(req.env.name));
    }
    const onAbort = () => ac.abort();
    req.signal?.addEventListener('abort', onAbort);
    let timedOut = false;
    const timer = req.timeoutMs ? setTimeout(() => { timedOut = true; ac.abort(); }, req.timeoutMs) : undefined;
    // The checker's split: a block may hold several expressions, each asked and shown on its own.
    const queries = queriesOf(req.command);
    let output = '';
    let failed: BlockOutcome['failure'];
    const show = (text: string) => { const t = redact(text, secretsOf(req)); output += t; this.output(req, t); };
    try {
      for (const [i, q] of queries.entries()) {
        if (ac.signal.aborted) break;
        if (queries.length > 1) show(`${i ? '\n' : ''}${q.header}\n`);
        try {
          show(formatQueryResult(await this.opts.instantQuery(req.env, q.expr, ac.signal)));
        } catch (e) {
          show(`${(e as Error).message}\n`);
          failed ??= { line: q.line, exitCode: 1, text: redact(q.expr.split('\n')[0], secretsOf(req)) };
        }
      }
      const durationMs = Date.now() - t0;
      const base = { output, truncated: false, outputChars: output.length, durationMs };
      if (ac.signal.aborted) return { ...base, status: timedOut ? 'timeout' : 'cancelled', exitCode: timedOut ? EXIT_TIMEOUT : EXIT_CANCELLED };
      if (!queries.length) return { ...base, status: 'ok', exitCode: 0 };
      return failed ? { ...base, status: 'failed', exitCode: 1, ...(queries.length > 1 ? { failure: failed } : {}) } : { ...base, status: 'ok', exitCode: 0 };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * A `promql verify` / `promql precondition` block: its conditions polled until they all hold or
   * its timeout passes, one progress line per round with the current value. Passes or fails like
   * a step, so Run all and Run section stop on it.
   */
  private async runVerification(req: StepRequest, spec: VerifySpec, ac: AbortController): Promise<BlockOutcome & { verification?: VerificationOutcome }> {
    const t0 = Date.now();
    const query = this.opts.instantQuery;
    if (!query) return failure('PromQL steps need a Prometheus client, and none is configured.');
    if (!req.env.prometheus) { this.output(req, `${noPrometheus(req.env.name)}\n`); return failure(noPrometheus(req.env.name)); }
    const conditions = queriesOf(req.command);
    if (!conditions.length) return failure('This verification block holds no PromQL condition.');
    const onAbort = () => ac.abort();
    req.signal?.addEventListener('abort', onAbort);
    let timedOut = false;
    const timer = req.timeoutMs ? setTimeout(() => { timedOut = true; ac.abort(); }, req.timeoutMs) : undefined;
    let output = '';
    const show = (text: string) => { const t = redact(text, secretsOf(req)); output += t; this.output(req, t); };
    try {
      const what = spec.kind === 'verify' ? `Verifying (polls every ${formatDuration(spec.intervalMs)}, up to ${formatDuration(spec.timeoutMs)})` : 'Precondition';
      show(`${what}: ${conditions.map(c => c.expr.replace(/\s*\n\s*/g, ' ')).join(' and ')}\n`);
      const v = await pollConditions(conditions.map(c => c.expr), (expr, signal) => query(req.env, expr, signal), spec, ac.signal, (p) => {
        const at = formatDuration(p.elapsedMs);
        for (const x of p.pending) show(`  … ${at}: ${x.condition.replace(/\s*\n\s*/g, ' ')} is ${x.value}\n`);
      });
      const summary = verificationSummary(v, formatDuration);
      if (!v.aborted) show(`${v.holds ? '✓' : '✗'} ${summary}\n`);
      const base = { output, truncated: false, outputChars: output.length, durationMs: Date.now() - t0, verification: v };
      if (v.aborted) return { ...base, status: timedOut ? 'timeout' : 'cancelled', exitCode: timedOut ? EXIT_TIMEOUT : EXIT_CANCELLED };
      if (v.holds) return { ...base, status: 'ok', exitCode: 0 };
      const line = conditions.find(c => c.expr === v.condition)?.line ?? 1;
      return { ...base, status: 'failed', exitCode: 1, failure: { line, exitCode: 1, text: redact(summary, secretsOf(req)) } };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  private output(req: StepRequest, text: string): void {
    if (!text) return;
    this.atLineStart.set(keyOf(req.runbook, req.env.name), text.endsWith('\n'));
    this.emit('output', { runbook: req.runbook, env: req.env.name, text });
  }
}

const secretsOf = (req: StepRequest) => [...req.env.secretValues, ...(req.secretValues ?? [])];

function failure(message: string): BlockOutcome {
  return { status: 'failed', exitCode: 1, output: `${message}\n`, truncated: false, outputChars: message.length + 1, durationMs: 0 };
}

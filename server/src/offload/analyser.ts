// The main thread's side of the analysis worker: starts it, sends it one document version at a
// time, flips a version's shared cancel flag when a newer one arrives, and reassembles each pass
// from its messages. Without a worker (it failed to start, or RUNBOOK_ANALYSIS_WORKER=0) the same
// passes run on this thread, as before the worker existed.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { runPasses, planFindings } from './passes';
import { prewarmChunks } from '../model/prewarm';
import { inputProblem } from '../analysis/inputGuard';
import { adoptShellcheckProcess } from '../shell/shellcheck';
import type { AnalyseInput, FromWorker, Pass, PassResult, PlanFindings, ToWorker } from './protocol';

export type JobOutcome = 'done' | 'abandoned' | 'failed';

export interface AnalysisJob {
  /** The version is stale: stop at the next block. `done` still resolves. */
  cancel(): void;
  done: Promise<JobOutcome>;
}

export interface Analyser {
  /** Whether analysis runs off the main thread. */
  readonly offThread: boolean;
  start(input: AnalyseInput, onPass: (pass: Pass, r: PassResult) => void): AnalysisJob;
  plan(input: AnalyseInput): Promise<PlanFindings>;
  shutdown(): void;
}

export function startAnalyser(log: (message: string) => void): Analyser {
  const inProcess = new InProcessAnalyser(log);
  if (process.env.RUNBOOK_ANALYSIS_WORKER === '0') return inProcess;
  const worker = spawnWorker();
  return worker ? new WorkerAnalyser(worker, inProcess, log) : inProcess;
}

function spawnWorker(): Worker | undefined {
  // Bundled: dist/analysisWorker.js beside dist/server.js. From source (tests): the .ts through tsx.
  const bundled = join(__dirname, 'analysisWorker.js');
  const source = join(__dirname, 'analysisWorker.ts');
  try {
    if (existsSync(bundled)) return new Worker(bundled);
    // Node 20 applies a worker's --import too late for its entry file, so register tsx first.
    if (existsSync(source)) return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true });
  } catch { /* no worker: analyse in process */ }
  return undefined;
}

interface Job {
  onPass: (pass: Pass, r: PassResult) => void;
  resolve: (o: JobOutcome) => void;
  /** The pass being reassembled: its metrics arrive in batches after it. */
  assembling?: { pass: Pass; result: PassResult; expected: number };
  lastMetrics: PassResult['metrics'];
}

class WorkerAnalyser implements Analyser {
  readonly offThread = true;
  private nextId = 1;
  private readonly jobs = new Map<number, Job>();
  private readonly plans = new Map<number, { resolve: (f: PlanFindings) => void; reject: (e: Error) => void }>();
  private broken = false;

  constructor(private readonly worker: Worker, private readonly fallback: InProcessAnalyser, private readonly log: (m: string) => void) {
    worker.unref();
    worker.on('message', (m: FromWorker) => this.receive(m));
    const fail = (why: string) => {
      if (this.broken) return;
      this.broken = true;
      this.log(`runbook: the analysis worker stopped (${why}); analysing on the main thread from now on.`);
      for (const j of this.jobs.values()) j.resolve('failed');
      for (const p of this.plans.values()) p.reject(new Error('the analysis worker stopped'));
      this.jobs.clear(); this.plans.clear();
    };
    worker.on('error', e => fail(e instanceof Error ? e.message : String(e)));
    worker.on('exit', code => fail(`exit ${code}`));
  }

  start(input: AnalyseInput, onPass: (pass: Pass, r: PassResult) => void): AnalysisJob {
    if (this.broken) return this.fallback.start(input, onPass);
    const id = this.nextId++;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const done = new Promise<JobOutcome>(resolve => this.jobs.set(id, { onPass, resolve, lastMetrics: [] }));
    this.send({ type: 'analyse', id, input, cancel });
    return { cancel: () => Atomics.store(cancel, 0, 1), done };
  }

  plan(input: AnalyseInput): Promise<PlanFindings> {
    if (this.broken) return this.fallback.plan(input);
    const id = this.nextId++;
    return new Promise((resolve, reject) => { this.plans.set(id, { resolve, reject }); this.send({ type: 'plan', id, input }); });
  }

  shutdown(): void { if (!this.broken) this.send({ type: 'shutdown' }); }

  private send(m: ToWorker): void {
    // Referenced while it has work, so that nothing waits on a worker the process let go of.
    this.worker.ref();
    this.worker.postMessage(m);
  }

  private receive(m: FromWorker): void {
    if (m.type === 'shellcheck') { adoptShellcheckProcess(m.pid, m.alive); return; }
    if (m.type === 'plan') {
      const p = this.plans.get(m.id);
      this.plans.delete(m.id);
      if (m.findings) p?.resolve(m.findings); else p?.reject(new Error(m.error ?? 'no answer'));
      this.idle();
      return;
    }
    const job = this.jobs.get(m.id);
    if (!job) return;
    if (m.type === 'pass') {
      const { type: _t, id: _i, pass, metricCount, sameMetrics, ...rest } = m;
      job.assembling = { pass, result: { ...rest, metrics: sameMetrics ? job.lastMetrics : [] }, expected: metricCount };
    } else if (m.type === 'metrics' && job.assembling) {
      for (const x of m.batch) job.assembling.result.metrics.push(x);
    } else if (m.type === 'done') {
      this.jobs.delete(m.id);
      if (m.error) this.log(`runbook: analysis failed: ${m.error}`);
      job.resolve(m.abandoned ? 'abandoned' : 'done');
      this.idle();
      return;
    }
    const a = job.assembling;
    if (a && a.result.metrics.length >= a.expected) {
      job.assembling = undefined;
      job.lastMetrics = a.result.metrics;
      job.onPass(a.pass, a.result);
    }
  }

  private idle(): void { if (!this.jobs.size && !this.plans.size) this.worker.unref(); }
}

/** The same passes on the main thread: a big cold document is still parsed a slice at a time. */
class InProcessAnalyser implements Analyser {
  readonly offThread = false;

  constructor(private readonly log: (m: string) => void) {}

  start(input: AnalyseInput, onPass: (pass: Pass, r: PassResult) => void): AnalysisJob {
    let cancelled = false;
    const stale = () => cancelled;
    const done = (async (): Promise<JobOutcome> => {
      const parse = input.languageId !== 'promql' && !inputProblem(input.text, input.settings);
      if (parse && !(await prewarmChunks(input.text, stale))) return 'abandoned';
      // The connection writes on its next turn: yield so that one pass leaves before the next.
      return runPasses(input, stale, async (pass, r) => { onPass(pass, r); await nextTurn(); });
    })().catch((e: unknown) => { this.log(`runbook: analysis failed: ${e instanceof Error ? e.message : String(e)}`); return 'done' as const; });
    return { cancel: () => { cancelled = true; }, done };
  }

  plan(input: AnalyseInput): Promise<PlanFindings> { return planFindings(input); }

  shutdown(): void { /* stopShellcheck covers this thread's processes */ }
}

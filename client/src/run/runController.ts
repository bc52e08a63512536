// Runs a block, a section or the whole runbook: asks the server for the plan, fills placeholders,
// applies the engine's guardrail decisions (as modals, or from command arguments), runs each step
// through the engine and stops at the first failure (runme#659). Nothing runs without a command.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RunEngine, StepResult } from '../../../server/src/run/engine';
import type { VerificationOutcome } from '../../../server/src/verify/poll';
import { decidePlan, decideStep, type Decision } from '../../../server/src/run/guardrails';
import { fleetSize } from '../../../server/src/targets/fleetSize';
import { choicesWhere, listChoices } from '../../../server/src/targets/choices';
import { overriddenVariables } from '../../../server/src/environments/sessionVariables';
import { rememberValues, secretValuesOf, substitute, type PlaceholderValueStore } from '../../../server/src/run/substitute';
import { redact } from '../../../server/src/run/redact';
import type { PlanStep, RunPlan, RunPlanParams } from '../../../server/src/lsp/features/runPlan';
import { RUN_PLAN_REQUEST } from '../../../server/src/lsp/features/runProtocol';
import type { EnvironmentDef, ResolvedEnvironment, SecretSource } from '../../../server/src/environments/types';
import type { Environments } from '../environments/environments';
import type { ServerState } from './serverState';
import { askValues, confirm } from './prompts';
import { withDelayedProgress } from './progress';
import { offerGitignore } from './gitignore';

/** Command arguments: lenses pass `uri`/`index`; tests add the answers a person would type. */
export interface RunArgs {
  uri?: string; index?: number; env?: string; values?: Record<string, string>; confirm?: string;
  /** Run section from a heading's lens: the 0-based line of that heading. */
  heading?: number;
}

export interface StepSummary {
  index: number; step: number; status: string;
  /** The first command that failed when the step went on after it. */
  failure?: { line: number; exitCode: number; text: string }; exitCode: number; durationMs: number; command: string;
  output: string; record?: string; recordError?: string; expectedMatched?: boolean;
  /** A verification or precondition step's outcome (which condition did not hold, its last value). */
  verification?: VerificationOutcome;
}
export interface RunOutcome {
  status: 'ok' | 'failed' | 'cancelled' | 'refused' | 'error'; message?: string; steps: StepSummary[];
  /** The confirmations the run asked for, in order (`modal`, `type-name`, `light`, `review`). */
  asked?: string[];
}

interface RunningStep { runbook: string; env: string; ac: AbortController }

export class RunController {
  /** Keyed by session (runbook × environment); entries keep the parts for exact matching. */
  private readonly running = new Map<string, RunningStep>();

  constructor(
    private readonly client: LanguageClient,
    private readonly envs: Environments,
    private readonly engine: RunEngine,
    private readonly secrets: SecretSource,
    private readonly values: PlaceholderValueStore,
    private readonly server: ServerState,
    private readonly state: vscode.Memento,
  ) {}

  async run(scope: RunPlanParams['scope'], args: RunArgs = {}): Promise<RunOutcome> {
    let outcome: RunOutcome;
    const asked: string[] = [];
    try { outcome = { ...await this.runUnreported(scope, args, asked), asked }; } catch (e) {
      // E.g. the language server is down: say so instead of VS Code's "command resulted in an error".
      outcome = { status: 'error', message: `The run could not start: ${e instanceof Error ? e.message : String(e)}`, steps: [] };
    }
    if (outcome.message && outcome.status !== 'ok') {
      const show = outcome.status === 'cancelled' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      void show(`Runbook: ${outcome.message}`);
    }
    return outcome;
  }

  /** Cancels the run of one session (Ctrl-C in its terminal). */
  cancelSession(runbook: string, env: string): void { this.running.get(`${runbook}\0${env}`)?.ac.abort(); }

  /** Cancels the runs going on: all of them, or those of exactly this runbook and/or environment. */
  cancel(args: { uri?: string; env?: string } = {}): number {
    const runbook = args.uri ? this.runbookName(vscode.Uri.parse(args.uri)) : undefined;
    let n = 0;
    for (const r of this.running.values()) {
      if ((runbook === undefined || r.runbook === runbook) && (args.env === undefined || r.env === args.env)) { r.ac.abort(); n++; }
    }
    return n;
  }

  runbookName(uri: vscode.Uri): string { return vscode.workspace.asRelativePath(uri, false); }

  private async runUnreported(scope: RunPlanParams['scope'], args: RunArgs, asked: string[]): Promise<RunOutcome> {
    const refused = (message: string): RunOutcome => ({ status: 'refused', message, steps: [] });
    if (!vscode.workspace.isTrusted) return refused('This workspace is not trusted, so Runbook does not run its steps. Trust the workspace to run them.');
    const editor = vscode.window.activeTextEditor;
    const uri = args.uri ? vscode.Uri.parse(args.uri) : editor?.document.uri;
    if (!uri) return refused('Open a runbook to run its steps.');
    const def = args.env ? this.envs.find(args.env) : this.envs.current;
    if (!def) return refused(`There is no environment "${args.env}". Known: ${this.envs.list().map(e => e.name).join(', ')}.`);

    // The server only plans for documents it has; opening (not showing) the file sends it there.
    await vscode.workspace.openTextDocument(uri);
    const line = args.index === undefined && scope !== 'all' && editor?.document.uri.toString() === uri.toString() ? editor.selection.active.line : undefined;
    const plan = await this.client.sendRequest<RunPlan>(RUN_PLAN_REQUEST, { uri: uri.toString(), scope, index: args.index, line, heading: args.heading, variables: this.envs.variableNames(def) } satisfies RunPlanParams);
    if ('error' in plan) return refused(plan.error);
    // A verification whose options cannot be used: refused before anything of the run starts.
    const badVerify = plan.steps.find(s => s.verifyError);
    if (badVerify) return refused(`Step ${badVerify.step}: ${badVerify.verifyError}`);

    // The confirmation comes first, before any secret is asked for: on a protected environment
    // every scope (one block too) is approved as a plan; dangerous steps still ask on their own.
    const runbook = this.runbookName(uri);
    let planApproved = false;
    // A fleet's size is in every question about it; its inventory is read for that, no secret asked.
    let hosts: number | undefined;
    try { hosts = await fleetSize(def, this.envs.folder()?.uri.fsPath ?? homedir()); } catch (e) { return refused((e as Error).message); }
    const guarded = { ...def, hosts };
    if (scope !== 'block' || def.protected) {
      const d = decidePlan({
        explicit: true, trusted: vscode.workspace.isTrusted, env: guarded,
        steps: plan.steps.map(s => ({ blockIndex: s.index, step: s.step, sectionPath: s.sectionPath, firstLine: firstLine(s.body), dangerous: s.dangers.length > 0 })),
      });
      const answer = await this.answer(d, def, args.confirm, asked);
      if (answer !== true) return answer;
      planApproved = d.kind === 'confirm';
    }

    let env: ResolvedEnvironment;
    try { env = await this.envs.resolve(def, this.secrets); } catch (e) { return { status: 'error', message: (e as Error).message, steps: [] }; }

    const steps: StepSummary[] = [];
    for (const [i, step] of plan.steps.entries()) {
      const done = await this.runStep(uri, runbook, step, guarded, env, args, planApproved, asked, plan.choices ?? {});
      if ('end' in done) return { ...done.end, steps };
      const r = done.summary;
      steps.push(r);
      if (r.status !== 'ok') {
        const where = plan.steps.length > 1 ? `Stopped at step ${step.step} (${i + 1} of ${plan.steps.length} in this run): ` : `Step ${step.step}: `;
        const what = r.verification && !r.verification.holds && r.failure ? r.failure.text : r.failure ? `line ${r.failure.line} failed (exit ${r.failure.exitCode}): ${r.failure.text}` : r.status === 'failed' ? `ended with exit ${r.exitCode}` : r.status === 'timeout' ? 'timed out' : `ended: ${r.status}`;
        return { status: r.status === 'cancelled' ? 'cancelled' : 'failed', message: `${where}${r.failure ? '' : `${firstLine(step.body)} `}${what} on "${def.name}".`, steps };
      }
    }
    return { status: 'ok', steps };
  }

  private async runStep(
    uri: vscode.Uri, runbook: string, step: PlanStep, def: EnvironmentDef & { hosts?: number }, env: ResolvedEnvironment, args: RunArgs, planApproved: boolean, asked: string[],
    docChoices: Record<string, string>,
  ): Promise<{ summary: StepSummary } | { end: RunOutcome }> {
    let command = step.command, substituted = false, values: Record<string, string> = {};
    if (step.lang !== 'promql') {
      const declared = { ...docChoices, ...env.choices };
      const choices = (name: string) => declared[name] ? { command: declared[name], where: choicesWhere(env), list: () => listChoices(env, declared[name]) } : undefined;
      const filled = await askValues(step, def.name, this.values, args.values, choices);
      if (!filled) return { end: { status: 'cancelled', message: 'Run cancelled: no value given.', steps: [] } };
      values = filled;
      try { ({ command, changed: substituted } = substitute(step.command, values, step.variables)); } catch (e) {
        return { end: { status: 'error', message: (e as Error).message, steps: [] } };
      }
    }
    // Secret-named placeholders are masked like the environment's secrets, in the modal too.
    const secretValues = secretValuesOf(values);
    const shown = redact(command, [...env.secretValues, ...secretValues]);
    const confirmDangerous = vscode.workspace.getConfiguration('runbook').get<boolean>('confirmDangerous') ?? true;
    const d = decideStep({ explicit: true, trusted: vscode.workspace.isTrusted, env: def, command: shown, substituted, dangers: step.dangers, planApproved, overrides: overriddenVariables(def.variables, process.env) }, { confirmDangerousInUnprotected: confirmDangerous });
    const answer = await this.answer(d, def, args.confirm, asked);
    if (answer !== true) return { end: answer };
    rememberValues(this.values, def.name, values);

    const key = `${runbook}\0${def.name}`;
    if (this.running.has(key)) return { end: { status: 'refused', message: `A step of this runbook is already running on "${def.name}". Cancel it first.`, steps: [] } };
    const ac = new AbortController();
    this.running.set(key, { runbook, env: def.name, ac });
    let result: StepResult;
    try {
      const config = vscode.workspace.getConfiguration('runbook');
      const timeoutS = config.get<number>('run.timeoutSeconds') ?? 0;
      const run = this.engine.runStep({
        runbook, command, env, secretValues, signal: ac.signal, timeoutMs: timeoutS > 0 ? timeoutS * 1000 : undefined,
        block: { index: step.index, step: step.step, lang: step.lang, sectionPath: step.sectionPath, verify: step.verify }, expectedOutput: step.expectedOutput,
        onFailure: config.get<string>('run.onFailure') === 'strict' ? 'strict' : 'report',
      });
      result = await withDelayedProgress(`Runbook: running step ${step.step} on "${def.name}"`, run, () => ac.abort());
    } finally { this.running.delete(key); }

    this.server.addResult(uri.toString(), {
      index: step.index, bodyHash: step.bodyHash, env: def.name, status: result.status, exitCode: result.exitCode,
      durationMs: result.durationMs, expectedMatched: result.expected?.matched,
      ...(result.failure ? { failure: { line: result.failure.line, exitCode: result.failure.exitCode } } : {}),
      ...(result.verification ? { verification: { kind: result.verification.kind, holds: result.verification.holds, condition: result.verification.condition, lastValue: result.verification.lastValue } } : {}),
    });
    if (result.record && !result.record.ok) void vscode.window.showWarningMessage(`Runbook: ${result.record.error}`);
    else if (result.record?.ok) void offerGitignore(this.state, result.record.file).catch(() => undefined);
    return { summary: {
      index: step.index, step: step.step, status: result.status, ...(result.failure ? { failure: result.failure } : {}), exitCode: result.exitCode, durationMs: result.durationMs, command: shown,
      output: result.output, expectedMatched: result.expected?.matched,
      ...(result.verification ? { verification: result.verification } : {}),
      ...(result.record?.ok ? { record: result.record.file } : result.record ? { recordError: result.record.error } : {}),
    } };
  }

  /** true to go on, or the outcome that ends the run. */
  private async answer(d: Decision, def: EnvironmentDef, given: string | undefined, asked: string[]): Promise<true | RunOutcome> {
    if (d.kind === 'run') return true;
    if (d.kind === 'refuse') return { status: 'refused', message: d.reason, steps: [] };
    asked.push(d.level);
    if (await confirm(d, def.name, given)) return true;
    return { status: 'cancelled', message: given !== undefined ? `Not confirmed: "${given}" is not "${def.name}".` : undefined, steps: [] };
  }
}

function firstLine(body: string): string {
  const line = body.split('\n').find(l => l.trim() && !l.trim().startsWith('#')) ?? body.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

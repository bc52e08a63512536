// `runbook run`: the run engine from a terminal or a pipeline. Same guardrails as the editor:
// a protected environment needs `--confirm <name>`; anything that needs an answer is asked on a
// TTY and, without one, fails with the flag that would answer it.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeText } from '../analysis/pipeline';
import { overriddenVariables } from '../environments/sessionVariables';
import { loadEnvironments, environmentList, resolveEnvironment, processEnvSecrets, startupEnvironment, definedVariableNames, MissingSecretError } from '../environments/resolve';
import { RunEngine } from '../run/engine';
import { RunRecorder, DEFAULT_RECORDS_DIR } from '../run/records';
import { planBlocks, runInOrder, ScopeError, stepNumber, type RunScope } from '../run/plan';
import { placeholderPrompts, secretValuesOf, substitute } from '../run/substitute';
import { redact } from '../run/redact';
import { UnsafeSubstitutionError } from '../run/quote';
import { decidePlan, decideStep, type Decision } from '../run/guardrails';
import { prometheusInstantQuery } from '../run/promql';
import { resultLabel } from '../run/label';
import { todayFor } from '../run/datePlaceholder';
import { runnableText } from '../shell/transcript';
import { workspaceRoot } from './workspaceRoot';
import { verifySpecOf, VerifySpecError, type VerifySpec } from '../verify/spec';
import { fleetSize } from '../targets/fleetSize';
import { choicesWhere, listChoices } from '../targets/choices';
import { frontMatterChoices } from '../targets/frontMatterChoices';
import type { ResolvedEnvironment } from '../environments/types';

const usage = 'usage: runbook run <file> --env <name> (--block N | --section "Heading" | --all) [--set name=value ...] [--confirm <env>] [--yes] [--timeout <seconds, default 600, 0 for none>] [--on-failure report|strict] [--records-dir <dir>]\n  N is the step number the editor shows (1 = the first shell or PromQL block)';
const DEFAULT_TIMEOUT_S = 600;

class CliError extends Error { constructor(message: string, readonly code = 2) { super(message); } }

export async function runCommand(argv: string[]): Promise<number> {
  try { return await run(argv); } catch (e) {
    if (e instanceof CliError) { console.error(`runbook run: ${e.message}`); return e.code; }
    throw e;
  }
}

async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: {
      env: { type: 'string' }, block: { type: 'string' }, section: { type: 'string' }, all: { type: 'boolean' },
      set: { type: 'string', multiple: true }, confirm: { type: 'string' }, yes: { type: 'boolean' },
      timeout: { type: 'string' }, 'records-dir': { type: 'string' }, 'on-failure': { type: 'string' },
    } });
  } catch (e) { throw new CliError(`${(e as Error).message}\n${usage}`); }
  const o = args.values;
  if (args.positionals.length !== 1) throw new CliError(`give exactly one runbook file\n${usage}`);
  const scopes = [o.block !== undefined, o.section !== undefined, !!o.all].filter(Boolean).length;
  if (scopes !== 1) throw new CliError(`choose one of --block N, --section "Heading" or --all\n${usage}`);
  const scope: RunScope = o.block !== undefined ? { step: parseStep(o.block) } : o.section !== undefined ? { section: o.section } : { all: true };
  const onFailure = o['on-failure'] ?? 'report';
  if (onFailure !== 'report' && onFailure !== 'strict') throw new CliError(`--on-failure expects report or strict, got '${onFailure}'`);
  const values = parseSets(o.set ?? []);
  // The editor's default too (runbook.run.timeoutSeconds): nothing hangs unless asked to.
  const timeoutS = o.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(o.timeout);
  if (o.timeout?.trim() === '' || !(timeoutS >= 0)) throw new CliError('--timeout must be a number of seconds (0 for no limit)');
  const timeoutMs = timeoutS > 0 ? timeoutS * 1000 : undefined;

  const file = resolve(args.positionals[0]);
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new CliError(`cannot read '${args.positionals[0]}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  const root = workspaceRoot(dirname(file));
  const envFile = await loadEnvironments(root).catch((e: Error) => { throw new CliError(e.message); });
  const errors = envFile.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  for (const d of envFile.diagnostics) console.error(`${envFile.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  if (errors.length) throw new CliError(`fix ${envFile.file} first`);
  const envName = o.env ?? startupEnvironment(envFile);
  const def = environmentList(envFile).find((e) => e.name === envName);
  if (!def) throw new CliError(`no environment '${envName}'. Known: ${environmentList(envFile).map((e) => e.name).join(', ')}`);
  if (def.protected && o.confirm !== def.name) {
    throw new CliError(`'${def.name}' is a protected environment: add --confirm ${def.name} to run on it${o.confirm ? ` (--confirm ${o.confirm} does not match)` : ''}`);
  }
  // A fleet's size is in the confirmation; reading its inventory asks for no secret.
  const hosts = await fleetSize(def, root).catch((e: Error) => { throw new CliError(e.message); });
  const guarded = { ...def, hosts };
  let env;
  try { env = await resolveEnvironment(def, { workspaceFolder: root, baseEnv: process.env, secrets: processEnvSecrets() }); } catch (e) {
    if (e instanceof MissingSecretError) throw new CliError(e.message);
    throw e;
  }

  const uri = pathToFileURL(file).href;
  const { model, analysis } = await analyzeText(text, { uri, envVariables: new Set(definedVariableNames(def, process.env)) });
  let blocks;
  try { blocks = planBlocks(model, scope); } catch (e) { if (e instanceof ScopeError) throw new CliError(e.message); throw e; }
  const docChoices = frontMatterChoices(model);
  const dangersOf = (i: number) => analysis.dangers.filter((d) => d.blockIndex === i);
  const plan = decidePlan({ explicit: true, trusted: true, env: guarded, steps: blocks.map((b) => ({
    blockIndex: b.index, sectionPath: b.sectionPath, firstLine: b.body.split('\n').find((l) => l.trim()) ?? '', dangerous: dangersOf(b.index).length > 0,
  })) });
  if (plan.kind === 'refuse') throw new CliError(plan.reason);
  if (plan.kind === 'confirm') console.error(`${plan.title}\n${plan.detail}\nconfirmed with --confirm ${def.name}`);

  const tty = !!(process.stdin.isTTY && process.stderr.isTTY);
  const instantQuery = prometheusInstantQuery();
  const engine = new RunEngine({
    recorder: new RunRecorder(o['records-dir'] ? resolve(o['records-dir']) : join(root, DEFAULT_RECORDS_DIR)),
    instantQuery,
  });
  // A slow reader (`| less`, a slow pipe) slows the step down instead of filling memory.
  let draining = false;
  engine.on('output', (e) => {
    if (process.stdout.write(e.text) || draining) return;
    draining = true;
    engine.setOutputPaused(true);
    process.stdout.once('drain', () => { draining = false; engine.setOutputPaused(false); });
  });
  engine.on('notice', (e) => console.error(`runbook: ${e.message}`));
  const interrupt = () => engine.cancel(relative(root, file) || file, env.name);
  process.on('SIGINT', interrupt);
  try {
    const stepOf = (b: (typeof blocks)[number]) => stepNumber(model, b.index)!;
    // A verification whose options cannot be used is refused before anything of the run starts.
    const verifySpecs = new Map<number, VerifySpec | undefined>();
    for (const b of blocks) {
      try { verifySpecs.set(b.index, verifySpecOf(b)); } catch (e) { if (e instanceof VerifySpecError) throw new CliError(`step ${stepOf(b)}: ${e.message}`); throw e; }
    }
    const results = await runInOrder(blocks, async (b) => {
      const vars = analysis.placeholders.filter((p) => p.blockIndex === b.index && p.kind === 'variable').map((p) => p.name);
      const unresolved = [...new Set(vars)];
      const blockValues: Record<string, string> = {};
      // A console transcript's output lines never run.
      const text = runnableText(b);
      if (b.lang === 'shell') {
        for (const p of placeholderPrompts(text, env.name, undefined, unresolved)) {
          // A date placeholder offers today's date, taken when the answer is empty.
          const today = todayFor(p.name);
          const choices = values[p.name] === undefined && tty ? (env.choices[p.name] ?? docChoices[p.name]) : undefined;
          if (choices) { blockValues[p.name] = await pickChoice(env, p.name, choices, `${p.texts.join(' / ')} (step ${stepOf(b)})`); continue; }
          blockValues[p.name] = values[p.name] ?? ((await ask(tty, `Value for ${p.texts.join(' / ')} (step ${stepOf(b)})${today ? ` [${today}]` : ''}: `, p.name)) || today || '');
        }
      }
      let command: string, substituted: boolean;
      try { ({ command, changed: substituted } = b.lang === 'shell' ? substitute(text, blockValues, unresolved) : { command: text, changed: false }); } catch (e) {
        if (e instanceof UnsafeSubstitutionError) throw new CliError(`step ${stepOf(b)}: ${e.message}`);
        throw e;
      }
      // Secret-named placeholders are masked like the environment's secrets, on screen too.
      const secretValues = secretValuesOf(blockValues);
      const shown = redact(command, [...env.secretValues, ...secretValues]);
      const decision = decideStep({ explicit: true, trusted: true, env: guarded, command: shown, substituted, dangers: dangersOf(b.index), planApproved: def.protected, overrides: overriddenVariables(def.variables, process.env) });
      await settle(decision, tty, !!o.yes, def.name);
      console.error(`\n▶ step ${stepOf(b)}${b.sectionPath.length ? ` [${b.sectionPath.join(' › ')}]` : ''} on ${env.name}`);
      const expected = b.expectedOutput !== undefined ? model.blocks[b.expectedOutput]?.body : undefined;
      const r = await engine.runStep({ runbook: relative(root, file) || file, block: { ...b, step: stepOf(b), verify: verifySpecs.get(b.index) }, command, env, expectedOutput: expected, timeoutMs, secretValues, onFailure });
      console.error(resultLabel(r));
      if (r.expected && !r.expected.matched) console.error(`expected output differs:\n  ${r.expected.differences.join('\n  ')}`);
      if (r.record && !r.record.ok) console.error(`runbook: ${r.record.error}`);
      return r;
    });
    const failed = results.find((r) => r.status !== 'ok');
    if (failed && results.length < blocks.length) console.error(`stopped after step ${stepOf(blocks[results.length - 1])}: ${blocks.length - results.length} step(s) not run`);
    // A step that went on after a failing command still fails the run, with that command's code.
    return failed ? failed.exitCode || failed.failure?.exitCode || 1 : 0;
  } finally {
    process.off('SIGINT', interrupt);
    await engine.dispose();
    await instantQuery.close();
  }
}

/** Turns a guardrail decision into a prompt (TTY) or a flag check (no TTY). */
async function settle(d: Decision, tty: boolean, yes: boolean, envName: string): Promise<void> {
  if (d.kind === 'run') return;
  if (d.kind === 'refuse') throw new CliError(d.reason);
  // A protected environment was confirmed with --confirm <name>, which is the typed name.
  if (d.level === 'type-name' || d.level === 'modal') { console.error(`${d.title}\n${d.detail}\nconfirmed with --confirm ${envName}`); return; }
  if (d.level === 'review') { console.error(`command:\n${d.detail}`); if (!tty || yes) return; }
  if (yes) { console.error(`${d.title}\n${d.detail}\nconfirmed with --yes`); return; }
  if (!tty) throw new CliError(`${d.title}\n${d.detail}\nno terminal to ask: add --yes to run it`);
  const answer = await ask(true, `${d.level === 'light' ? `${d.title}\n${d.detail}\n` : ''}Run it? [y/N] `, 'the confirmation');
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('not run', 1);
}

/** The choices command is shown, then run in the target; a number picks a line, anything else is the value. */
async function pickChoice(env: ResolvedEnvironment, name: string, command: string, shown: string): Promise<string> {
  console.error(`choices for ${shown}: running \`${command}\` on ${choicesWhere(env)} (read-only)`);
  let list: string[] = [];
  try { list = await listChoices(env, command); } catch (e) { console.error(`runbook: ${(e as Error).message}`); }
  list.forEach((c, i) => console.error(`  ${i + 1}) ${c}`));
  const answer = (await ask(true, list.length ? `Pick 1-${list.length} or type a value for ${shown}: ` : `Value for ${shown}: `, name)).trim();
  const n = Number(answer);
  return Number.isInteger(n) && n >= 1 && n <= list.length ? list[n - 1] : answer;
}

async function ask(tty: boolean, question: string, what: string): Promise<string> {
  if (!tty) throw new CliError(`${question.replace(/: $/, '')}: no terminal to ask; pass --set ${what}=…`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try { return await rl.question(question); } finally { rl.close(); }
}

function parseSets(sets: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new CliError(`--set expects name=value, got '${s}'`);
    out[s.slice(0, eq).replace(/^<(.*)>$/, '$1')] = s.slice(eq + 1);
  }
  return out;
}

function parseStep(s: string): number {
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new CliError(`--block expects a step number as the editor shows it (from 1), got '${s}'`);
  return Number(s);
}

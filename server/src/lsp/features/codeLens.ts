// Run lenses. Each runnable block: `▶ Run step 4 on <env>`, and after a run its result (`✓ 0.8s`,
// `✗ exit 2`, `⚠ line 2 failed (exit 127)`). The first heading: `Run all (6 steps)` and `Pick
// environment`; a heading whose section holds several steps: `Run section (4 steps)`. The lens
// names the environment so nobody runs on production by accident (restclient#659). Untrusted
// workspace: no lenses at all. PromQL steps also get `$(graph-line) Chart` (chart/lens.ts).
import type { CodeLens, Range } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import type { CodeBlock, RunbookModel, Section } from '../../model/types';
import { runnableBlocks } from '../../run/plan';
import { runStateOf, type LastResult, type RunState } from './runState';
import { resultLabel } from '../../run/label';
import type { BlockStatus } from '../../run/session';
import { chartLenses } from '../../chart/lens';
import { symptomLenses } from '../../symptoms/lens';
import { symptomResultsOf } from './symptoms';
import { stepVerb } from '../../verify/lens';
import { alertLensesOf } from './alertLens';

export { runnableBlocks };

export const RUN_COMMANDS = {
  block: 'runbook.runBlock',
  section: 'runbook.runSection',
  all: 'runbook.runAll',
  pick: 'runbook.pickEnvironment',
  history: 'runbook.showRunHistory',
} as const;

const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;

export function codeLenses(model: RunbookModel, state: RunState): CodeLens[] {
  if (!state.trusted) return [];
  const env = state.env;
  const envLabel = env.protected ? `${env.name} ⚠` : env.name;
  const runnable = runnableBlocks(model);
  const lenses: CodeLens[] = [];
  if (!runnable.length) return lenses;

  const top = model.sections[0];
  const topRange = at(top && !before(runnable[0].range.start, top.headingRange.start) ? top.headingRange : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  lenses.push({ range: topRange, command: { title: `Run all (${steps(runnable.length)}) on ${envLabel}`, command: RUN_COMMANDS.all, arguments: [{ uri: model.uri }] } });
  lenses.push({ range: topRange, command: { title: 'Pick environment', command: RUN_COMMANDS.pick, arguments: [] } });
  for (const s of model.sections) {
    const n = runnable.filter((b) => under(b, s)).length;
    // A section of one step is that step's Run; one holding every step is Run all.
    if (n < 2 || n === runnable.length) continue;
    lenses.push({ range: at(s.headingRange), command: { title: `Run section (${steps(n)})`, command: RUN_COMMANDS.section, arguments: [{ uri: model.uri, heading: s.headingRange.start.line }] } });
  }
  runnable.forEach((b, i) => {
    const range = at(b.range);
    lenses.push({ range, command: { title: `▶ ${stepVerb(b)} step ${i + 1} on ${envLabel}`, command: RUN_COMMANDS.block, arguments: [{ uri: model.uri, index: b.index }] } });
    const last = state.lastResult(model.uri, b.body);
    if (last) lenses.push({ range, command: { title: resultTitle(last, env.name), command: RUN_COMMANDS.history, arguments: [{ uri: model.uri, index: b.index }] } });
  });
  return [...lenses, ...chartLenses(model)];
}

/** Whether a block sits in a section or one of its subsections. */
export function under(b: CodeBlock, s: Section): boolean {
  return s.path.every((t, i) => b.sectionPath[i] === t) && b.sectionPath.length >= s.path.length;
}

const at = (r: Range): Range => ({ start: r.start, end: r.start });

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The engine's result label (the CLI prints the same), plus where it ran when that differs. */
export function resultTitle(r: LastResult, currentEnv: string): string {
  const expected = r.expectedMatched === undefined ? undefined : { matched: r.expectedMatched, differences: [] };
  const failure = r.failure ? { ...r.failure, text: '' } : undefined;
  let t = resultLabel({ status: r.status as BlockStatus, exitCode: r.exitCode, durationMs: r.durationMs, expected, failure, verification: r.verification }) ?? `✗ ${r.status}`;
  if (r.expectedMatched) t += ' · output as expected';
  if (r.env !== currentEnv) t += ` (on ${r.env})`;
  return t;
}

export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    const state = runStateOf(ctx);
    ctx.connection.onCodeLens(async p => {
      const model = ctx.store.model(p.textDocument.uri);
      if (!model) return [];
      const doc = ctx.store.documents.get(p.textDocument.uri);
      const base = [...codeLenses(model, state), ...(doc ? symptomLenses(model, doc.getText(), state.env, symptomResultsOf(ctx).get(doc.uri, state.env.name)) : [])];
      // Alert lenses (alertLens.ts) sit on section headings; a connection has one lens handler.
      return model.sections.length ? [...base, ...await alertLensesOf(ctx).lenses(model)] : base;
    });
  },
};

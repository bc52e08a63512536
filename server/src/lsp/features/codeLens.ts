// Run lenses on every runnable block: `▶ Run on <env>`, `Run section`, `Run all`, `Pick
// environment`, and after a run its result (`✓ 0.8s`, `✗ exit 2`). The lens names the environment
// so nobody runs on production by accident (restclient#659). Untrusted workspace: no lenses at all.
import type { CodeLens } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import type { CodeBlock, RunbookModel } from '../../model/types';
import { isRunnableBlock } from '../../run/plan';
import { runStateOf, type LastResult, type RunState } from './runState';
import { resultLabel } from '../../run/label';
import type { BlockStatus } from '../../run/session';

export const RUN_COMMANDS = {
  block: 'runbook.runBlock',
  section: 'runbook.runSection',
  all: 'runbook.runAll',
  pick: 'runbook.pickEnvironment',
  history: 'runbook.showRunHistory',
} as const;

export function runnableBlocks(model: RunbookModel): CodeBlock[] {
  return model.blocks.filter(isRunnableBlock);
}

export function codeLenses(model: RunbookModel, state: RunState): CodeLens[] {
  if (!state.trusted) return [];
  const env = state.env;
  const envLabel = env.protected ? `${env.name} ⚠` : env.name;
  const lenses: CodeLens[] = [];
  for (const b of runnableBlocks(model)) {
    const range = { start: b.range.start, end: b.range.start };
    const args = [{ uri: model.uri, index: b.index }];
    lenses.push({ range, command: { title: `▶ Run on ${envLabel}`, command: RUN_COMMANDS.block, arguments: args } });
    if (b.sectionPath.length) lenses.push({ range, command: { title: 'Run section', command: RUN_COMMANDS.section, arguments: args } });
    lenses.push({ range, command: { title: 'Run all', command: RUN_COMMANDS.all, arguments: [{ uri: model.uri }] } });
    lenses.push({ range, command: { title: 'Pick environment', command: RUN_COMMANDS.pick, arguments: [] } });
    const last = state.lastResult(model.uri, b.body);
    if (last) lenses.push({ range, command: { title: resultTitle(last, env.name), command: RUN_COMMANDS.history, arguments: [{ uri: model.uri, index: b.index }] } });
  }
  return lenses;
}

/** The engine's result label (the CLI prints the same), plus where it ran when that differs. */
export function resultTitle(r: LastResult, currentEnv: string): string {
  const expected = r.expectedMatched === undefined ? undefined : { matched: r.expectedMatched, differences: [] };
  let t = resultLabel({ status: r.status as BlockStatus, exitCode: r.exitCode, durationMs: r.durationMs, expected }) ?? `✗ ${r.status}`;
  if (r.expectedMatched) t += ' · output as expected';
  if (r.env !== currentEnv) t += ` (on ${r.env})`;
  return t;
}

export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx) {
    const state = runStateOf(ctx);
    ctx.connection.onCodeLens(p => {
      const model = ctx.store.model(p.textDocument.uri);
      return model ? codeLenses(model, state) : [];
    });
  },
};

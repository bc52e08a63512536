// The Chart lens (`$(graph-line)` is a VS Code icon: the command it runs is the VS Code client's) on
// every PromQL step: opens the chart panel (client/src/chart/) on that
// step's queries. Like every lens it is drawn in trusted workspaces only (codeLens.ts); the
// command itself only reads from Prometheus, under the credential rules of hovers.
import type { CodeLens } from 'vscode-languageserver/node';
import type { RunbookModel } from '../model/types';
import { runnableBlocks } from '../run/plan';

export const CHART_COMMAND = 'runbook.showChart';

export function chartLenses(model: RunbookModel): CodeLens[] {
  return runnableBlocks(model).flatMap((b, i) => b.lang !== 'promql' ? [] : [{
    range: { start: b.range.start, end: b.range.start },
    command: { title: '$(graph-line) Chart', command: CHART_COMMAND, arguments: [{ uri: model.uri, index: b.index, step: i + 1 }] },
  }]);
}

// A lens on every runnable block. Until the run feature is wired, it names the step.
import type { CodeLens } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import type { RunbookModel } from '../../model/types';
import { isRunnable } from '../../model/languages';

export function codeLenses(model: RunbookModel): CodeLens[] {
  return model.blocks.filter(b => isRunnable(b.lang) && b.expectedOutputOf === undefined).map(b => ({
    range: { start: b.range.start, end: b.range.start },
    command: { title: `${b.rawLang} · step ${b.index + 1}`, command: '' },
  }));
}

export const codeLensFeature: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register({ connection, store }) {
    connection.onCodeLens(p => {
      const model = store.model(p.textDocument.uri);
      return model ? codeLenses(model) : [];
    });
  },
};

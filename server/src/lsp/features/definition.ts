// Go to definition from a metric name to where a runbook documents it: a list item or table row
// that starts by naming it, or a heading, anywhere in the workspace.
import type { Feature } from '../featureContext';
import { indexService } from '../../index/service';
import { wordAt } from '../../index/nameAt';
import { toLocation } from './references';

export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    const service = indexService(ctx);
    ctx.connection.onDefinition(p => {
      const doc = ctx.store.documents.get(p.textDocument.uri);
      if (!doc) return null;
      const line = doc.getText({ start: { line: p.position.line, character: 0 }, end: { line: p.position.line + 1, character: 0 } });
      const word = wordAt(line.replace(/\r?\n$/, ''), p.position.character);
      if (!word) return null;
      service.flush();
      const defs = service.index.definitions(word.name);
      return defs.length ? defs.map(toLocation) : null;
    });
  },
};

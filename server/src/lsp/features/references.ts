// Find all references of a metric: every runbook in the workspace that names it, from the index.
import type { Location } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import { indexService } from '../../index/service';
import type { IndexLocation } from '../../index/workspaceIndex';
import { wordAt } from '../../index/nameAt';

export function toLocation(l: IndexLocation): Location {
  return { uri: l.uri, range: { start: { line: l.line, character: l.char }, end: { line: l.line, character: l.endChar } } };
}

export const referencesFeature: Feature = {
  capabilities: { referencesProvider: true },
  register(ctx) {
    const service = indexService(ctx);
    ctx.connection.onReferences(p => {
      const doc = ctx.store.documents.get(p.textDocument.uri);
      if (!doc) return null;
      const line = doc.getText({ start: { line: p.position.line, character: 0 }, end: { line: p.position.line + 1, character: 0 } });
      const word = wordAt(line.replace(/\r?\n$/, ''), p.position.character);
      if (!word) return null;
      service.flush();
      const refs = service.index.references(word.name).filter(r => p.context.includeDeclaration || !isDefinition(service, r, word.name));
      return refs.length ? refs.map(toLocation) : null;
    });
  },
};

function isDefinition(service: ReturnType<typeof indexService>, r: IndexLocation, name: string): boolean {
  return !!service.index.facts(r.uri)?.mentions.some(m => m.name === name && m.line === r.line && m.char === r.char && m.definition);
}

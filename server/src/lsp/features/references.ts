// Find all references of a metric: every runbook in the workspace that names it, from the index;
// of an alert: the rules defining it and the runbook sections written for it.
import type { Location } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import { indexService } from '../../index/service';
import type { IndexLocation } from '../../index/workspaceIndex';
import { nameAtPosition } from '../nameAtPosition';
import { alertAtPosition } from '../alertAtPosition';
import { ruleLocations, sectionLocations } from '../../alertLinks/alertLocations';
import { linkView } from '../../alertLinks/workspaceLinks';

export function toLocation(l: IndexLocation): Location {
  return { uri: l.uri, range: { start: { line: l.line, character: l.char }, end: { line: l.line, character: l.endChar } } };
}

export const referencesFeature: Feature = {
  capabilities: { referencesProvider: true },
  register(ctx) {
    const service = indexService(ctx);
    ctx.connection.onReferences(p => {
      // An alert name: its rules and the sections written for it.
      const alert = alertAtPosition(ctx, p);
      if (alert) {
        service.flush();
        const view = linkView(service.index, service.roots, ctx.settings().alerts.runbookUrlPrefixes);
        const locs = [...ruleLocations(service.rules, alert.name), ...sectionLocations(service.index, service.rules, alert.name, view)];
        if (locs.length) return locs.map(toLocation);
      }
      const name = nameAtPosition(ctx, p);
      if (!name) return null;
      const refs = service.index.references(name).filter(r => p.context.includeDeclaration || !isDefinition(service, r, name));
      return refs.length ? refs.map(toLocation) : null;
    });
  },
};

function isDefinition(service: ReturnType<typeof indexService>, r: IndexLocation, name: string): boolean {
  return !!service.index.facts(r.uri)?.mentions.some(m => m.name === name && m.line === r.line && m.char === r.char && m.definition);
}

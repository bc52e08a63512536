// Go to definition from a metric name to where a runbook documents it: a list item or table row
// that starts by naming it, or a heading, anywhere in the workspace.
import type { Feature } from '../featureContext';
import { indexService } from '../../index/service';
import { nameAtPosition } from '../nameAtPosition';
import { toLocation } from './references';

export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    const service = indexService(ctx);
    ctx.connection.onDefinition(p => {
      const name = nameAtPosition(ctx, p);
      if (!name) return null;
      const defs = service.index.definitions(name);
      return defs.length ? defs.map(toLocation) : null;
    });
  },
};

// Go to definition from a metric name to where a runbook documents it: a list item or table row
// that starts by naming it, or a heading, anywhere in the workspace. From a heading titled after an
// alert to the rule defining it, and from a rule's `alert:` to its runbook section.
import type { Feature } from '../featureContext';
import { indexService } from '../../index/service';
import { nameAtPosition } from '../nameAtPosition';
import { toLocation } from './references';
import { alertAtPosition } from '../alertAtPosition';
import { ruleLocations, sectionLocations } from '../../alertLinks/alertLocations';
import { linkView } from '../../alertLinks/workspaceLinks';

export const definitionFeature: Feature = {
  capabilities: { definitionProvider: true },
  register(ctx) {
    const service = indexService(ctx);
    ctx.connection.onDefinition(p => {
      // A heading titled after an alert goes to the rule; a rule's `alert:` to its section.
      const alert = alertAtPosition(ctx, p);
      if (alert) {
        service.flush();
        const view = linkView(service.index, service.roots, ctx.settings().alerts.runbookUrlPrefixes);
        const locs = alert.on === 'heading' ? ruleLocations(service.rules, alert.name) : sectionLocations(service.index, service.rules, alert.name, view);
        if (locs.length) return locs.map(toLocation);
      }
      const name = nameAtPosition(ctx, p);
      if (!name) return null;
      const defs = service.index.definitions(name);
      return defs.length ? defs.map(toLocation) : null;
    });
  },
};

// Completion in PromQL places: functions, keywords and workspace metric names (static), plus live
// metric names, label names and label values from the chosen environment's Prometheus.
import type { CompletionItem, CompletionList } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import { liveMetricsOf } from '../liveMetrics';
import { promqlCompletionsAt, promqlFileCompletions } from '../../promql/documentFeatures';
import { promqlPlaceAt, promqlPlaceInFile } from '../../promql/places';
import { completeMetrics } from '../../metrics/completion';
import { indexService } from '../../index/service';
import { abortSignalOf } from '../cancellation';

export const completionFeature: Feature = {
  capabilities: { completionProvider: { triggerCharacters: ['{', '=', '"', ',', '(', '_'] } },
  register(ctx) {
    ctx.connection.onCompletion(async (params, token): Promise<CompletionList | null> => {
      const doc = ctx.store.documents.get(params.textDocument.uri);
      if (!doc) return null;
      const text = doc.getText();
      const offset = doc.offsetAt(params.position);
      const isFile = doc.languageId === 'promql';
      const model = isFile ? undefined : ctx.store.model(doc.uri);
      const place = isFile ? promqlPlaceInFile(text, offset) : model && promqlPlaceAt(model, text, offset);
      if (!place) return null;
      const extra = { metricNames: indexService(ctx).metricNames() };
      const items: CompletionItem[] = (isFile ? promqlFileCompletions(text, offset, extra) : promqlCompletionsAt(model!, text, offset, extra)) ?? [];
      let isIncomplete = false;
      const { client } = await liveMetricsOf(ctx).current();
      if (client) {
        const live = await completeMetrics(client, place.expr.slice(0, place.index), abortSignalOf(token)).catch(() => undefined);
        if (live) {
          isIncomplete = live.isIncomplete;
          const seen = new Set(items.map(i => i.label));
          // Live items carry TYPE and HELP, so they replace a static item of the same name.
          for (const item of live.items) {
            if (seen.has(item.label)) items.splice(items.findIndex(i => i.label === item.label), 1);
            items.push(item);
          }
        }
      }
      return { isIncomplete, items };
    });
  },
};

// Completion in PromQL places: functions, keywords and workspace metric names (static), plus live
// metric names, label names and label values from the chosen environment's Prometheus.
// Metric names offered are ones that exist: the environment's when its Prometheus answers (a name
// the runbooks mention but the environment lacks is not offered), otherwise names the runbooks use
// in valid PromQL, never the half-typed word itself.
import type { CompletionItem, CompletionList } from 'vscode-languageserver/node';
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { Feature } from '../featureContext';
import { liveMetricsOf } from '../liveMetrics';
import { promqlCompletions } from '../../promql/completion';
import { needsClosingQuote, typedWord, withEdit } from '../../promql/completionEdit';
import { promqlPlaceAt, promqlPlaceInFile } from '../../promql/places';
import { completeMetrics } from '../../metrics/completion';
import { indexService } from '../../index/service';
import { abortSignalOf } from '../cancellation';

const isMetricItem = (i: CompletionItem) => i.kind === CompletionItemKind.Variable;

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
      const before = place.expr.slice(0, place.index);
      const word = typedWord(before);
      // The index rescans open documents after a pause; a stale scan would offer a half-typed word.
      const index = indexService(ctx);
      index.flush();
      const referenced = new Set(index.metricNames());
      referenced.delete(word);
      let items = promqlCompletions(place.expr, place.index, { metricNames: referenced });
      const rangeFrom = (exprIndex: number) => ({ start: doc.positionAt(place.docOffset(exprIndex)), end: params.position });
      items = items.map(i => withEdit(i, { range: rangeFrom(place.index - word.length) }));
      let isIncomplete = false;
      const { client } = await liveMetricsOf(ctx).current();
      if (client) {
        const live = await completeMetrics(client, before, abortSignalOf(token)).catch(() => undefined);
        if (live) {
          isIncomplete = live.isIncomplete;
          const { context } = live;
          // The environment knows which metrics exist: workspace names give way to its list.
          if (context.kind === 'metric') items = items.filter(i => !isMetricItem(i));
          const closeQuote = context.kind === 'labelValue' && context.quoted && needsClosingQuote(place.expr.slice(place.index));
          const target = { range: rangeFrom(context.start), closeQuote };
          for (const item of live.items) {
            if (context.kind === 'metric' && referenced.has(item.label)) item.detail = `${item.detail ?? 'metric'} · referenced in runbooks`;
            items.push(withEdit(item, target));
          }
        }
      }
      return { isIncomplete, items };
    });
  },
};

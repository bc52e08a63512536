// Completion at a cursor in a PromQL expression, from the environment's Prometheus: the context
// decides what to ask, the client's cache keeps repeated keystrokes cheap.
import type { PrometheusClient } from '../prometheus/client';
import { completionContext, type CompletionContext } from './completionContext';
import { labelNameItems, labelValueItems, metricNameItems, type ItemList } from './completionItems';

export interface MetricCompletion extends ItemList {
  context: CompletionContext;
}

/** `before`: the expression text up to the cursor. Undefined when nothing applies there. */
export async function completeMetrics(client: PrometheusClient, before: string, signal?: AbortSignal): Promise<MetricCompletion | undefined> {
  const context = completionContext(before);
  if (!context) return undefined;
  const match = context.kind !== 'metric' && context.metric ? [context.metric] : undefined;
  switch (context.kind) {
    case 'metric': {
      if (context.prefix.length < 2) return { context, items: [], isIncomplete: true };
      const [names, metadata] = await Promise.all([
        client.metricNames({ signal }),
        client.metadata(undefined, { signal }).catch(() => new Map()),
      ]);
      return { context, ...metricNameItems(context.prefix, names, metadata) };
    }
    case 'labelName':
      return { context, ...labelNameItems(context.prefix, await client.labels(match, { signal }), context.metric) };
    case 'labelValue':
      return { context, ...labelValueItems(context.prefix, await client.labelValues(context.label, match, { signal }), context.label, context.quoted) };
  }
}

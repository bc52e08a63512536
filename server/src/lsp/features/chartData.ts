// `runbook/chartData`: a PromQL step's queries over a time range (`query_range`) in the chosen
// environment, shaped for the chart panel. The server's Prometheus client fetches, so the
// credential rules of hovers hold (Restricted Mode sends none; the standalone server asks) and
// the webview never talks to Prometheus. Errors are one line each, with credentials masked.
import type { Feature } from '../featureContext';
import { liveMetricsOf } from '../liveMetrics';
import { abortSignalOf } from '../cancellation';
import { queriesOf } from '../../run/promql';
import { stepNumber } from '../../run/plan';
import { chartWindow } from '../../chart/range';
import { chartData, type QueryAnswer } from '../../chart/data';
import { graphLink } from '../../metrics/graphLink';
import { CHART_DATA_REQUEST, type ChartDataParams, type ChartDataResult } from './chartProtocol';
import { bodyHash } from './runState';

export const chartDataFeature: Feature = {
  capabilities: {},
  register(ctx) {
    ctx.connection.onRequest(CHART_DATA_REQUEST, async (p: ChartDataParams, token): Promise<ChartDataResult> => {
      const model = p && typeof p.uri === 'string' ? ctx.store.model(p.uri) : undefined;
      if (!model) return { error: 'The runbook is not open any more.' };
      // The same text first (a block added above moved it), else the same place (its query was edited).
      const byHash = typeof p.bodyHash === 'string' ? model.blocks.filter(b => b.lang === 'promql' && bodyHash(b.body) === p.bodyHash) : [];
      const block = byHash.find(b => b.index === p.index) ?? byHash[0] ?? model.blocks.find(b => b.index === p.index);
      const step = block && stepNumber(model, block.index);
      if (!block || block.lang !== 'promql' || step === undefined) return { error: 'This step is no longer a PromQL step (the runbook changed). Open the chart again from its lens.' };
      const window = chartWindow(typeof p.range === 'string' ? p.range : '');
      if ('error' in window) return window;
      const exprs = queriesOf(block.body).map(q => q.expr).filter(Boolean);
      if (!exprs.length) return { error: `Step ${step} has no query to chart.` };
      const target = await liveMetricsOf(ctx).current();
      if (!target.client) return { env: target.envName, error: target.error ?? `No Prometheus is configured for environment "${target.envName}".` };
      const client = target.client;
      const signal = abortSignalOf(token);
      // The client's limiter bounds how many go out at once.
      const answers = await Promise.all(exprs.map(async (expr): Promise<QueryAnswer> => {
        const graphUrl = graphLink(client.url, expr, window.graph);
        try {
          return { expr, data: await client.queryRange(expr, window.start, window.end, window.step, { signal }), graphUrl };
        } catch (e) {
          return { expr, error: client.redact((e instanceof Error ? e.message : String(e)).split('\n')[0]!), graphUrl };
        }
      }));
      return { ...chartData(target.envName, window, answers), step, index: block.index, bodyHash: bodyHash(block.body) };
    });
  },
};

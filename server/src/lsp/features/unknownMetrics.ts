// `metric/unknown` against the chosen environment, after each full analysis pass and whenever
// the environment changes. Silent when there is no reachable Prometheus (see metrics/).
import type { Feature, FeatureContext } from '../featureContext';
import { diagnosticsBoardOf } from '../diagnosticsBoard';
import { liveMetricsOf } from '../liveMetrics';
import { runStateOf } from './runState';
import { checkUnknownMetrics } from '../../metrics/unknownMetricsCheck';
import { withoutPlainSuppressed } from '../../suppression/plain';

const LAYER = 'metric/unknown';

export const unknownMetricsFeature: Feature = {
  capabilities: {},
  register(ctx) {
    const board = diagnosticsBoardOf(ctx.connection);
    const check = async (uri: string) => {
      const result = ctx.store.analysis(uri);
      if (!result) return;
      const { envName, client } = await liveMetricsOf(ctx).current();
      const diags = await checkUnknownMetrics(client, result.metrics, envName);
      // Drop the answer if the document or the environment moved on while Prometheus answered.
      if (ctx.store.analysis(uri) !== result || runStateOf(ctx).env.name !== envName) return;
      board.set(uri, LAYER, withoutPlainSuppressed(diags, result.suppressed), result.version);
    };
    ctx.store.onAnalysed((uri, _result, pass) => { if (pass === 'full') void check(uri); });
    runStateOf(ctx).onEnvironmentChange(() => { for (const d of ctx.store.documents.all()) void check(d.uri); });
  },
};

export type { FeatureContext };

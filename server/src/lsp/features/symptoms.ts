// `runbook/checkSymptoms`: evaluates every symptom of a runbook in the chosen environment in one
// round, keeps the results for the inlay hints and hovers, and asks the editor to redraw them
// (again once they turn stale).
import type { Feature, FeatureContext } from '../featureContext';
import { liveMetricsOf } from '../liveMetrics';
import { runStateOf } from './runState';
import { symptomsOf } from '../../symptoms/detect';
import { checkConditions } from '../../symptoms/check';
import { SymptomResults } from '../../symptoms/results';
import { symptomLabel, symptomState } from '../../symptoms/label';
import { CHECK_SYMPTOMS_REQUEST, type CheckSymptomsParams, type CheckSymptomsResult } from './symptomsProtocol';

const stores = new WeakMap<FeatureContext['connection'], SymptomResults>();

export function symptomResultsOf(ctx: Pick<FeatureContext, 'connection'>): SymptomResults {
  let s = stores.get(ctx.connection);
  if (!s) { s = new SymptomResults(); stores.set(ctx.connection, s); }
  return s;
}

export const symptomsFeature: Feature = {
  capabilities: {},
  register(ctx) {
    const results = symptomResultsOf(ctx);
    let staleTimer: NodeJS.Timeout | undefined;
    const refresh = () => { void ctx.connection.languages.inlayHint.refresh().catch(() => undefined); };
    const refreshLenses = () => { void ctx.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined); };
    ctx.connection.onRequest(CHECK_SYMPTOMS_REQUEST, async (p: CheckSymptomsParams): Promise<CheckSymptomsResult> => {
      const doc = ctx.store.documents.get(p.uri);
      const model = ctx.store.model(p.uri);
      if (!doc || !model) return { uri: p.uri, error: 'This runbook is not open in the editor.' };
      const symptoms = symptomsOf(model, doc.getText());
      if (!symptoms.length) return { uri: p.uri, error: 'This runbook lists no symptoms (list items whose inline code is a PromQL condition on a metric).' };
      const target = await liveMetricsOf(ctx).current();
      if (!target.client) return { uri: p.uri, error: target.error ?? `No Prometheus is configured for environment "${target.envName}".` };
      const client = target.client;
      const t0 = Date.now();
      const exprs = symptoms.map(s => s.expr);
      const answers = await checkConditions(exprs, (expr, signal) => client.query(expr, { signal, time: Date.now() / 1000 }));
      const checkedAt = Date.now();
      results.set(p.uri, { env: target.envName, checkedAt, results: new Map(exprs.map((e, i) => [e, answers[i]])) });
      refresh();
      refreshLenses();
      clearTimeout(staleTimer);
      staleTimer = setTimeout(refresh, ctx.settings().symptoms.staleAfterSeconds * 1000 + 500).unref();
      return {
        uri: p.uri, env: target.envName, durationMs: checkedAt - t0,
        symptoms: symptoms.map((s, i) => ({ expr: s.expr, line: s.range.start.line, state: symptomState(answers[i]), label: symptomLabel(answers[i]) })),
      };
    });
    // Results from before an environment switch are not shown (SymptomResults.get checks the name).
    runStateOf(ctx).onEnvironmentChange(refresh);
  },
};

// What the alert lenses' commands ask of the server: an alert's instances, creating a silence,
// expiring one. The client asks the user first (duration, comment, the matchers, and on a
// protected environment a confirmation whose default is Cancel); these requests only carry out
// what was confirmed, on the environment the lens was drawn for, in a trusted workspace.
import { URI } from 'vscode-uri';
import type { Feature } from '../featureContext';
import { runStateOf } from './runState';
import { liveMetricsOf } from '../liveMetrics';
import { liveAlertsOf } from '../liveAlerts';
import { alertLensesOf } from './alertLens';
import { alertStates, stateOf } from '../../alertLinks/firingState';
import { alertMatchers, printMatcher } from '../../alertmanager/matching';
import { operatorIn } from '../../run/operator';
import { MAX_SILENCE_MS, MIN_SILENCE_MS } from '../../alertmanager/duration';
import { ALERT_REQUESTS, type AlertInstancesParams, type AlertInstancesResult, type ExpireSilenceParams, type SilenceParams, type SilenceResult } from './alertProtocol';


export const alertActionsFeature: Feature = {
  capabilities: {},
  register(ctx) {
    const state = runStateOf(ctx);
    const wrongEnv = (env: string) => (env !== state.env.name ? `the environment is now ${state.env.name}, not ${env}: nothing was done` : undefined);
    const fail = (e: unknown) => (e instanceof Error ? e.message : String(e));

    ctx.connection.onRequest(ALERT_REQUESTS.instances, async (p: AlertInstancesParams): Promise<AlertInstancesResult> => {
      const refused = wrongEnv(p.env);
      if (refused) return { env: p.env, alert: p.alert, error: refused };
      const target = await liveMetricsOf(ctx).current();
      if (!target.client) return { env: p.env, alert: p.alert, error: target.error ?? `environment "${p.env}" has no Prometheus` };
      try {
        const s = stateOf(alertStates(await target.client.alerts()), p.alert);
        return { env: p.env, alert: p.alert, state: s.state, instances: s.instances.map((a) => ({ labels: a.labels, state: a.state, activeAt: a.activeAt, value: a.value })) };
      } catch (e) { return { env: p.env, alert: p.alert, error: target.client.redact(fail(e)) }; }
    });

    ctx.connection.onRequest(ALERT_REQUESTS.silence, async (p: SilenceParams): Promise<SilenceResult> => {
      const refused = wrongEnv(p.env) ?? (!state.trusted ? 'the workspace is not trusted: nothing is silenced' : undefined)
        ?? (!(p.durationMs >= MIN_SILENCE_MS && p.durationMs <= MAX_SILENCE_MS) ? 'a silence lasts between a minute and 30 days' : undefined)
        ?? (!p.comment?.trim() ? 'a silence needs a comment saying why' : undefined);
      if (refused) return { error: refused };
      const target = await liveMetricsOf(ctx).current();
      const am = target.alertmanager;
      if (!am) return { error: target.alertmanagerError ?? `environment "${p.env}" names no Alertmanager` };
      const root = ctx.workspaceRoot();
      const who = await operatorIn(root?.startsWith('file:') ? URI.parse(root).fsPath : process.cwd());
      const start = Date.now();
      try {
        const id = await am.create({
          matchers: alertMatchers(p.alert),
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + p.durationMs).toISOString(),
          createdBy: who.email ?? who.user,
          comment: p.comment.trim(),
        });
        liveAlertsOf(ctx).forget();
        alertLensesOf(ctx).refreshLenses();
        return { id, endsAt: new Date(start + p.durationMs).toISOString(), createdBy: who.email ?? who.user, ranBy: who, matchers: alertMatchers(p.alert).map(printMatcher) };
      } catch (e) { return { error: am.redact(fail(e)) }; }
    });

    ctx.connection.onRequest(ALERT_REQUESTS.expire, async (p: ExpireSilenceParams): Promise<SilenceResult> => {
      const refused = wrongEnv(p.env) ?? (!state.trusted ? 'the workspace is not trusted: nothing is changed' : undefined);
      if (refused) return { error: refused };
      const target = await liveMetricsOf(ctx).current();
      const am = target.alertmanager;
      if (!am) return { error: target.alertmanagerError ?? `environment "${p.env}" names no Alertmanager` };
      try {
        for (const id of p.ids) await am.expire(id);
        liveAlertsOf(ctx).forget();
        alertLensesOf(ctx).refreshLenses();
        const root = ctx.workspaceRoot();
        return { id: p.ids.join(', '), ranBy: await operatorIn(root?.startsWith('file:') ? URI.parse(root).fsPath : process.cwd()) };
      } catch (e) { return { error: am.redact(fail(e)) }; }
    });
  },
};

// The chosen environment's alerts, rules and silences, for the alert lenses: fetched together,
// kept for the values TTL, and shared by every document's lenses. A lens asks `snapshot()`
// (never waits on the network when one is fresh) and `refresh()` otherwise.
import type { FeatureContext } from './featureContext';
import { liveMetricsOf } from './liveMetrics';
import { indexService } from '../index/service';
import type { ActiveAlert } from '../prometheus/alertShape';
import type { Silence } from '../alertmanager/types';
import type { AlertmanagerClient } from '../alertmanager/client';

export interface AlertSnapshot {
  env: string;
  at: number;
  alerts?: ActiveAlert[];
  /** Why the alerts could not be read (Prometheus down, no alerts API, …). */
  error?: string;
  /** Absent when the environment names no Alertmanager. */
  alertmanager?: { client: AlertmanagerClient; silences?: Silence[]; error?: string };
  /** Why an Alertmanager that is named cannot be used (a missing credential). */
  alertmanagerError?: string;
}

const FRESH_MS = 15_000;

export class LiveAlerts {
  private current?: AlertSnapshot;
  private loading?: { env: string; promise: Promise<AlertSnapshot> };

  constructor(private readonly ctx: FeatureContext) {}

  /** The last answer for `env` while fresh. */
  snapshot(env: string, now = Date.now()): AlertSnapshot | undefined {
    const s = this.current;
    return s && s.env === env && now - s.at < FRESH_MS ? s : undefined;
  }

  /** Fetches alerts, alerting rules and silences for the chosen environment (one load at a time). */
  refresh(): Promise<AlertSnapshot> {
    const live = liveMetricsOf(this.ctx);
    const load = (async (): Promise<AlertSnapshot> => {
      const target = await live.current();
      const env = target.envName;
      const snap: AlertSnapshot = { env, at: Date.now() };
      if (!target.client) snap.error = target.error ?? `environment "${env}" has no Prometheus`;
      const [alerts, rules, silences] = await Promise.allSettled([
        target.client?.alerts(),
        target.client?.alertingRules(),
        target.alertmanager?.silences(),
      ]);
      if (target.client) {
        if (alerts.status === 'fulfilled') snap.alerts = alerts.value; else snap.error = message(alerts.reason, target.client.redact.bind(target.client));
        // Live rules feed the "no rule defines this alert" check and which headings are alerts.
        if (rules.status === 'fulfilled' && rules.value) indexService(this.ctx).rules.setLive(env, rules.value.map((r) => ({ name: r.name, runbookUrl: r.annotations.runbook_url ?? r.annotations.runbook })));
      }
      if (target.alertmanager) {
        const am = target.alertmanager;
        snap.alertmanager = silences.status === 'fulfilled' ? { client: am, silences: silences.value } : { client: am, error: message(silences.reason, am.redact.bind(am)) };
      } else if (target.alertmanagerError) snap.alertmanagerError = target.alertmanagerError;
      return snap;
    })();
    const entry = { env: '', promise: load };
    this.loading = entry;
    return load.then((s) => { if (this.loading === entry) { this.current = s; this.loading = undefined; } return s; });
  }

  /** After a silence is created or expired: the next lens asks again. */
  forget(): void { this.current = undefined; }
}

function message(e: unknown, redact: (s: string) => string): string {
  return redact(e instanceof Error ? e.message : String(e));
}

const instances = new WeakMap<FeatureContext['connection'], LiveAlerts>();

export function liveAlertsOf(ctx: FeatureContext): LiveAlerts {
  let a = instances.get(ctx.connection);
  if (!a) { a = new LiveAlerts(ctx); instances.set(ctx.connection, a); }
  return a;
}

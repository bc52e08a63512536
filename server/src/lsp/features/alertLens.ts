// The alert lens on a section heading linked to an alert: `🔔 TreasuryStuck · firing in
// production: 3 instances, since 12m` (click: the instances), and where the environment names an
// Alertmanager, `Silence…` or `🔕 silenced until 14:05 by … · Expire…`. Drawn from the cached
// `/api/v1/alerts` answer; a stale one is fetched again, and the lenses refresh when it lands.
import type { CodeLens } from 'vscode-languageserver/node';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { Feature, FeatureContext } from '../featureContext';
import type { RunbookModel } from '../../model/types';
import { indexService } from '../../index/service';
import { runStateOf } from './runState';
import { liveAlertsOf, type AlertSnapshot } from '../liveAlerts';
import { linkView } from '../../alertLinks/workspaceLinks';
import { sectionAlerts, type RuleLink } from '../../alertLinks/sectionAlerts';
import { alertStates, stateOf, stateTitle, silenceTitle, type AlertState } from '../../alertLinks/firingState';
import { printMatcher, silencesFor } from '../../alertmanager/matching';
import { ALERT_COMMANDS } from '../../alertLinks/commands';

export { ALERT_COMMANDS };

/** How long a lens request waits for a fresh answer before showing "checking…". */
const WAIT_MS = 1500;
/** Lenses on screen are refreshed this often, so a firing alert shows without a keystroke. */
const REFRESH_MS = 30_000;

const pathOf = (uri: string) => (uri.startsWith('file:') ? URI.parse(uri).fsPath : uri);

/** The lenses for one document, from a snapshot (undefined: still loading). Pure: the bench times it. */
export function alertLensesFrom(model: RunbookModel, linked: Map<number, string[]>, snap: AlertSnapshot | undefined, env: { name: string; protected: boolean }, trusted: boolean, now: number): CodeLens[] {
  const lenses: CodeLens[] = [];
  const states = snap?.alerts ? alertStates(snap.alerts) : undefined;
  for (const [i, names] of linked) {
    const s = model.sections[i];
    if (!s) continue;
    const range = { start: s.headingRange.start, end: s.headingRange.start };
    for (const alert of names) {
      const state: AlertState | undefined = states && stateOf(states, alert);
      const title = !snap ? `🔔 ${alert} · checking ${env.name}…`
        : state ? stateTitle(state, env.name, now)
          : `🔔 ${alert} · state unknown in ${env.name}: ${snap.error ?? 'no answer'}`;
      lenses.push({ range, command: { title, command: ALERT_COMMANDS.instances, arguments: [{ env: env.name, alert }] } });
      if (!trusted || !snap) continue;
      // A credential not entered yet: Silence… asks for it (the lens itself never prompts).
      if (snap.alertmanagerError) { lenses.push({ range, command: { title: 'Silence… (asks for the Alertmanager credential first)', command: ALERT_COMMANDS.silence, arguments: [{ uri: model.uri, env: env.name, protected: env.protected, alert }] } }); continue; }
      const am = snap.alertmanager;
      if (!am) continue;
      if (am.error) { lenses.push({ range, command: { title: `🔕 silences unknown: ${am.error}`, command: '' } }); continue; }
      const active = silencesFor(alert, (state?.instances ?? []).map((x) => x.labels), am.silences ?? []);
      const silenced = silenceTitle(active);
      if (silenced) {
        lenses.push({ range, command: { title: `${silenced} · Expire…`, command: ALERT_COMMANDS.expire, arguments: [{ uri: model.uri, env: env.name, protected: env.protected, alert, silences: active.map((x) => ({ id: x.id, endsAt: x.endsAt, createdBy: x.createdBy, comment: x.comment, matchers: x.matchers.map(printMatcher) })) }] } });
      } else {
        lenses.push({ range, command: { title: 'Silence…', command: ALERT_COMMANDS.silence, arguments: [{ uri: model.uri, env: env.name, protected: env.protected, alert }] } });
      }
    }
  }
  return lenses;
}

/** Which sections of `model` are linked to which alerts, with the workspace's and the environment's rules. */
export function linkedSections(ctx: FeatureContext, model: RunbookModel, env: string): Map<number, string[]> {
  const service = indexService(ctx);
  const catalog = service.rules;
  const view = linkView(service.index, service.roots, ctx.settings().alerts.runbookUrlPrefixes);
  const rules: RuleLink[] = catalog.workspaceRules().map((r) => ({ name: r.name, url: r.fact.link?.url, sourcePath: pathOf(r.uri) }));
  // Live rules come from files we cannot see: their relative links are read from the workspace root.
  const liveSource = service.roots[0] ? join(service.roots[0], 'prometheus-rules') : '';
  for (const r of catalog.liveRules(env) ?? []) rules.push({ name: r.name, url: r.runbookUrl, sourcePath: liveSource });
  return sectionAlerts(model.sections.map((s) => s.title), pathOf(model.uri), catalog.names(env), rules, view);
}

export class AlertLenses {
  private refreshTimer?: NodeJS.Timeout;

  constructor(private readonly ctx: FeatureContext) {}

  async lenses(model: RunbookModel): Promise<CodeLens[]> {
    const state = runStateOf(this.ctx);
    const env = state.env;
    const live = liveAlertsOf(this.ctx);
    let snap = live.snapshot(env.name);
    let linked = this.linked(model, env.name);
    // A runbook with no alert section asks the environment once (its live rules may link one), not
    // every time its lenses are drawn.
    const asked = indexService(this.ctx).rules.liveRules(env.name) !== undefined;
    if (!snap && (linked.size || !asked)) {
      // Live rules can link more sections: the first answer may add lenses.
      const loading = live.refresh();
      if (linked.size) {
        snap = await Promise.race([loading, new Promise<undefined>((r) => { setTimeout(r, WAIT_MS); })]);
        if (!snap) void loading.then(() => this.refreshLenses(), () => undefined);
      } else void loading.then((s) => { if (linkedSections(this.ctx, model, env.name).size) this.refreshLenses(); return s; }, () => undefined);
      if (snap) linked = this.linked(model, env.name);
    }
    if (linked.size) this.keepFresh();
    return alertLensesFrom(model, linked, snap?.env === env.name ? snap : undefined, env, state.trusted, Date.now());
  }

  private memo?: { key: string; model: RunbookModel; live: unknown; linked: Map<number, string[]> };

  /** Which sections are linked changes with the document, the rules and the index, not per request. */
  private linked(model: RunbookModel, env: string): Map<number, string[]> {
    const service = indexService(this.ctx);
    const key = `${model.uri}|${model.version}|${env}|${service.rules.version}|${service.index.size}`;
    const live = service.rules.liveRules(env);
    if (this.memo?.key === key && this.memo.model === model && this.memo.live === live) return this.memo.linked;
    const linked = linkedSections(this.ctx, model, env);
    this.memo = { key, model, live, linked };
    return linked;
  }

  refreshLenses(): void {
    void this.ctx.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  private keepFresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => { this.refreshTimer = undefined; this.refreshLenses(); }, REFRESH_MS);
    this.refreshTimer.unref();
  }
}

const instances = new WeakMap<FeatureContext['connection'], AlertLenses>();

export function alertLensesOf(ctx: FeatureContext): AlertLenses {
  let a = instances.get(ctx.connection);
  if (!a) { a = new AlertLenses(ctx); instances.set(ctx.connection, a); }
  return a;
}

/** Lenses follow the environment: a switch redraws them. (The lenses themselves come from codeLens.ts.) */
export const alertLensFeature: Feature = {
  capabilities: {},
  register(ctx) {
    runStateOf(ctx).onEnvironmentChange(() => { liveAlertsOf(ctx).forget(); alertLensesOf(ctx).refreshLenses(); });
  },
};

import test from 'node:test';
import assert from 'node:assert/strict';
import { parseSilenceDuration } from '../../../server/src/alertmanager/duration';
import { alertLensesFrom } from '../../../server/src/lsp/features/alertLens';
import { ago } from '../../../server/src/alertLinks/firingState';
import { silencesFor } from '../../../server/src/alertmanager/matching';
import type { RunbookModel } from '../../../server/src/model/types';
import type { AlertSnapshot } from '../../../server/src/lsp/liveAlerts';
import type { Silence } from '../../../server/src/alertmanager/types';

const now = Date.parse('2026-12-03T14:00:00Z');
const heading = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 10 } });
const model = { uri: 'file:///r.md', version: 1, sections: [{ title: 'TreasuryStuck', path: ['TreasuryStuck'], depth: 2, headingRange: heading(2), range: heading(2) }], blocks: [], inlineCodes: [], paragraphs: [] } as unknown as RunbookModel;
const linked = new Map([[0, ['TreasuryStuck']]]);
const env = { name: 'production', protected: true };
const alert = (state: 'firing' | 'pending', minutesAgo: number, instance: string) => ({ labels: { alertname: 'TreasuryStuck', instance }, annotations: {}, state, activeAt: new Date(now - minutesAgo * 60_000).toISOString(), value: '3' });
const titles = (snap: AlertSnapshot | undefined, trusted = true) => alertLensesFrom(model, linked, snap, env, trusted, now).map((l) => l.command!.title);
const am = (silences: Silence[]) => ({ client: {} as never, silences });

test('silence durations: Prometheus units, one minute to 30 days', () => {
  assert.equal(parseSilenceDuration('1h30m'), 5_400_000);
  assert.equal(parseSilenceDuration(' 2d '), 172_800_000);
  for (const bad of ['', '10s', '31d', '1 h', 'soon', '-1h']) assert.equal(parseSilenceDuration(bad), undefined, bad);
});

test('lens titles: firing with count and age, pending, inactive, loading, unreadable', () => {
  assert.deepEqual(titles({ env: 'production', at: now, alerts: [alert('firing', 12, 'a'), alert('firing', 3, 'b'), alert('pending', 1, 'c')] }, false),
    ['🔔 TreasuryStuck · firing in production: 2 instances, since 12m']);
  assert.deepEqual(titles({ env: 'production', at: now, alerts: [alert('pending', 0.5, 'c')] }, false), ['🔔 TreasuryStuck · pending in production: 1 instance, since 30s']);
  assert.deepEqual(titles({ env: 'production', at: now, alerts: [] }, false), ['🔔 TreasuryStuck · inactive in production']);
  assert.deepEqual(titles(undefined), ['🔔 TreasuryStuck · checking production…'], 'no Silence… before the state is known');
  assert.deepEqual(titles({ env: 'production', at: now, error: 'Prometheus http://p: connection refused' }, false), ['🔔 TreasuryStuck · state unknown in production: Prometheus http://p: connection refused']);
  assert.equal(ago(3 * 3600_000 + 5 * 60_000), '3h 5m');
});

test('Silence… only in a trusted workspace with an Alertmanager; an active silence shows instead', () => {
  const snap = (silences: Silence[]): AlertSnapshot => ({ env: 'production', at: now, alerts: [alert('firing', 12, 'a')], alertmanager: am(silences) });
  assert.deepEqual(titles(snap([])).slice(1), ['Silence…']);
  assert.deepEqual(titles(snap([]), false).slice(1), []);
  const s: Silence = { id: 's1', matchers: [{ name: 'alertname', value: 'Treasury.*', isRegex: true, isEqual: true }], startsAt: '', endsAt: new Date(now + 3600_000).toISOString(), createdBy: 'alice@example.com', comment: 'deploy', state: 'active' };
  const t = titles(snap([s]))[1];
  assert.match(t, /^🔕 silenced until \d\d:\d\d by alice@example\.com · Expire…$/);
  assert.deepEqual(titles(snap([{ ...s, state: 'expired' }])).slice(1), ['Silence…'], 'expired silences do not count');
  assert.deepEqual(silencesFor('TreasuryStuck', [{ alertname: 'TreasuryStuck', instance: 'a' }], [{ ...s, matchers: [...s.matchers, { name: 'instance', value: 'b', isRegex: false, isEqual: true }] }]), [], 'a silence for another instance does not cover this one');
  const noAm: AlertSnapshot = { env: 'production', at: now, alerts: [], alertmanagerError: 'Secret `AM_TOKEN` has no value' };
  assert.deepEqual(titles(noAm).slice(1), ['Silence… (asks for the Alertmanager credential first)']);
});

// An alert's state in one environment, from its Prometheus's `/api/v1/alerts`: firing beats
// pending beats inactive; "since" is when the longest-standing instance in that state became
// active. The lens title is built here so the CLI, tests and the bench read the same words.
import type { ActiveAlert } from '../prometheus/alertShape';
import type { Silence } from '../alertmanager/types';

export interface AlertState {
  name: string;
  state: 'firing' | 'pending' | 'inactive';
  /** Instances in that state (firing ones when firing). */
  instances: ActiveAlert[];
  /** Epoch ms of the earliest activeAt among them. */
  since?: number;
}

/** Every alert's state, by name, from one answer. */
export function alertStates(alerts: readonly ActiveAlert[]): Map<string, AlertState> {
  const byName = new Map<string, ActiveAlert[]>();
  for (const a of alerts) {
    const list = byName.get(a.labels.alertname);
    if (list) list.push(a); else byName.set(a.labels.alertname, [a]);
  }
  const out = new Map<string, AlertState>();
  for (const [name, list] of byName) {
    const firing = list.filter((a) => a.state === 'firing');
    const instances = firing.length ? firing : list;
    const times = instances.map((a) => Date.parse(a.activeAt ?? '')).filter((t) => Number.isFinite(t));
    out.set(name, { name, state: firing.length ? 'firing' : 'pending', instances, since: times.length ? Math.min(...times) : undefined });
  }
  return out;
}

export function stateOf(states: ReadonlyMap<string, AlertState>, name: string): AlertState {
  return states.get(name) ?? { name, state: 'inactive', instances: [] };
}

/** `12m`, `3h 5m`, `2d 4h`: the two largest units, as an on-call reader glances at them. */
export function ago(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** `🔔 TreasuryStuck · firing in production: 3 instances, since 12m`. */
export function stateTitle(s: AlertState, env: string, now: number): string {
  if (s.state === 'inactive') return `🔔 ${s.name} · inactive in ${env}`;
  const n = s.instances.length;
  const since = s.since !== undefined ? `, since ${ago(now - s.since)}` : '';
  return `🔔 ${s.name} · ${s.state} in ${env}: ${n} instance${n === 1 ? '' : 's'}${since}`;
}

/** `🔕 silenced until 14:05 by alice@example.com` (the silence ending last, when several). */
export function silenceTitle(silences: readonly Silence[], timeZone?: string): string | undefined {
  if (!silences.length) return undefined;
  const last = [...silences].sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt))[0];
  const end = new Date(last.endsAt);
  const sameDay = end.toDateString() === new Date().toDateString();
  const time = end.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  const when = sameDay ? time : `${end.toLocaleDateString('en-CA', { timeZone })} ${time}`;
  const more = silences.length > 1 ? ` (+${silences.length - 1} more)` : '';
  return `🔕 silenced until ${when} by ${last.createdBy || 'unknown'}${more}`;
}

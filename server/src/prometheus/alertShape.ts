// `/api/v1/alerts` and `/api/v1/rules` answers, checked for their shape like the other answers
// (answerShape.ts): entries without a name or labels are dropped, a wrong shape is one message.
import { PrometheusError } from './errors';
import type { Labels } from './types';

export interface ActiveAlert {
  labels: Labels;
  annotations: Labels;
  state: 'firing' | 'pending';
  /** RFC 3339; when the alert became pending. */
  activeAt?: string;
  /** The expression's value, as Prometheus formats it ("1e+00"). */
  value?: string;
}

export interface AlertingRule { name: string; annotations: Labels; state?: string }

const malformed = (url: string, what: string) => new PrometheusError('malformed', url, `malformed response: ${what} does not have the shape Prometheus sends`);
const strings = (v: unknown): Labels => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Labels : {});

export function checkAlerts(data: unknown, url: string): ActiveAlert[] {
  const list = (data as { alerts?: unknown } | null)?.alerts;
  if (!Array.isArray(list)) throw malformed(url, 'the list of alerts');
  const out: ActiveAlert[] = [];
  for (const a of list) {
    if (!a || typeof a !== 'object' || (a.state !== 'firing' && a.state !== 'pending')) continue;
    const labels = strings(a.labels);
    if (!labels.alertname) continue;
    out.push({ labels, annotations: strings(a.annotations), state: a.state, activeAt: typeof a.activeAt === 'string' ? a.activeAt : undefined, value: typeof a.value === 'string' ? a.value : undefined });
  }
  return out;
}

export function checkAlertingRules(data: unknown, url: string): AlertingRule[] {
  const groups = (data as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups)) throw malformed(url, 'the list of rule groups');
  const out: AlertingRule[] = [];
  for (const g of groups) {
    for (const r of Array.isArray(g?.rules) ? g.rules : []) {
      if (r && r.type === 'alerting' && typeof r.name === 'string') out.push({ name: r.name, annotations: strings(r.annotations), state: typeof r.state === 'string' ? r.state : undefined });
    }
  }
  return out;
}

// Which silences cover an alert, as Alertmanager decides: every matcher of the silence matches
// the alert's labels (regexes anchored, `!=`/`!~` negated; a missing label is the empty string).
import type { Labels } from '../prometheus/types';
import type { Matcher, Silence } from './types';

export function matcherMatches(m: Matcher, labels: Labels): boolean {
  const v = labels[m.name] ?? '';
  let hit: boolean;
  if (m.isRegex) {
    try { hit = new RegExp(`^(?:${m.value})$`).test(v); } catch { return false; }
  } else hit = v === m.value;
  return m.isEqual ? hit : !hit;
}

export function silenceMatches(s: Silence, labels: Labels): boolean {
  return s.matchers.every((m) => matcherMatches(m, labels));
}

/**
 * Active silences for an alert: those matching one of its instances' labels, or, with no
 * instance right now, those that would match `{alertname}` alone (silences made ahead of time).
 */
export function silencesFor(alertname: string, instances: Labels[], silences: readonly Silence[]): Silence[] {
  const targets = instances.length ? instances : [{ alertname }];
  return silences.filter((s) => s.state === 'active' && s.matchers.some((m) => m.name === 'alertname') && targets.some((l) => silenceMatches(s, l)));
}

/** The matchers a silence from the lens gets: the alert's name, nothing broader. */
export function alertMatchers(alertname: string): Matcher[] {
  return [{ name: 'alertname', value: alertname, isRegex: false, isEqual: true }];
}

/** `alertname="X"`, `severity=~"crit.*"`, `instance!="a"`: as Alertmanager prints a matcher. */
export function printMatcher(m: Matcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : (m.isEqual ? '=' : '!=');
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}

export function showMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(printMatcher).join(', ')}}`;
}

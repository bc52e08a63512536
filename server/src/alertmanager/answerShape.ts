// Alertmanager's answers checked for their shape before anyone reads them (like prometheus/answerShape.ts).
import { AlertmanagerError } from './errors';
import type { Matcher, Silence } from './types';

const malformed = (url: string, what: string) => new AlertmanagerError(url, `malformed response: ${what} does not have the shape Alertmanager sends`);
const isMatcher = (m: unknown): m is Matcher => !!m && typeof m === 'object' && typeof (m as Matcher).name === 'string' && typeof (m as Matcher).value === 'string';

export function checkSilences(data: unknown, url: string): Silence[] {
  if (!Array.isArray(data)) throw malformed(url, 'the list of silences');
  const out: Silence[] = [];
  for (const s of data) {
    if (!s || typeof s !== 'object' || typeof s.id !== 'string' || !Array.isArray(s.matchers) || !s.matchers.every(isMatcher)) continue;
    const state = s.status?.state;
    out.push({
      id: s.id,
      matchers: s.matchers.map((m: Matcher) => ({ name: m.name, value: m.value, isRegex: !!m.isRegex, isEqual: m.isEqual !== false })),
      startsAt: String(s.startsAt ?? ''), endsAt: String(s.endsAt ?? ''),
      createdBy: String(s.createdBy ?? ''), comment: String(s.comment ?? ''),
      state: state === 'active' || state === 'pending' ? state : 'expired',
    });
  }
  return out;
}

export function checkSilenceId(data: unknown, url: string): string {
  const id = (data as { silenceID?: unknown } | null)?.silenceID;
  if (typeof id !== 'string' || !id) throw malformed(url, 'the created silence');
  return id;
}

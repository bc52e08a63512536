// Alertmanager API v2 shapes (openapi: api/v2/openapi.yaml in prometheus/alertmanager).
export interface Matcher { name: string; value: string; isRegex: boolean; isEqual: boolean }

export interface NewSilence {
  matchers: Matcher[];
  /** RFC 3339. */
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface Silence extends NewSilence {
  id: string;
  state: 'active' | 'pending' | 'expired';
}

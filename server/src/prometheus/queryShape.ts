// A query answer is checked for the shape its resultType promises before anyone reads it. A
// hostile or broken server that sends valid JSON of the wrong shape then gets the same one-line
// "malformed response" message as invalid JSON, never a TypeError deep inside a hover.
import { PrometheusError } from './errors';
import type { QueryData } from './types';

const isSample = (v: unknown): boolean => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';
const isLabels = (v: unknown): boolean => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(x => typeof x === 'string');

function valid(data: unknown): data is QueryData {
  if (!data || typeof data !== 'object') return false;
  const { resultType, result } = data as { resultType?: unknown; result?: unknown };
  switch (resultType) {
    case 'scalar': case 'string': return isSample(result);
    case 'vector': return Array.isArray(result) && result.every(s => isLabels(s?.metric) && isSample(s?.value));
    case 'matrix': return Array.isArray(result) && result.every(s => isLabels(s?.metric) && Array.isArray(s?.values) && s.values.every(isSample));
    default: return false;
  }
}

export function checkQueryData(data: unknown, url: string): QueryData {
  if (!valid(data)) throw new PrometheusError('malformed', url, 'malformed response: the query result does not have the shape Prometheus sends');
  return data;
}

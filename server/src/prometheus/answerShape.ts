// Name lists, series, metadata and targets are checked for their shape before anyone reads them,
// like query answers (queryShape.ts): valid JSON of the wrong shape (`{}` where a list of names
// belongs) is one "malformed response" message, never `TypeError: object is not iterable` later.
import { PrometheusError } from './errors';
import type { Labels } from './types';

const malformed = (url: string, what: string) => new PrometheusError('malformed', url, `malformed response: ${what} does not have the shape Prometheus sends`);
const isLabels = (v: unknown): v is Labels => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

export function checkNames(data: unknown, url: string): string[] {
  if (!Array.isArray(data) || !data.every((x) => typeof x === 'string')) throw malformed(url, 'the list of names');
  return data;
}

export function checkSeries(data: unknown, url: string): Labels[] {
  if (!Array.isArray(data) || !data.every(isLabels)) throw malformed(url, 'the list of series');
  return data;
}

/** Metadata keeps the entries that have the documented shape; a non-object answer is malformed. */
export function checkMetadata<M extends { type: string; help: string; unit: string }>(data: unknown, url: string): Record<string, M[]> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw malformed(url, 'the metadata');
  const out: Record<string, M[]> = {};
  for (const [name, list] of Object.entries(data)) {
    if (!Array.isArray(list)) continue;
    const ok = list.filter((m) => m && typeof m === 'object' && ['type', 'help', 'unit'].every((k) => m[k] === undefined || typeof m[k] === 'string'))
      .map((m) => ({ type: m.type ?? '', help: m.help ?? '', unit: m.unit ?? '' }) as M);
    if (ok.length) out[name] = ok;
  }
  return out;
}

export function checkTargets<T extends { labels: Labels }>(data: unknown, url: string): T[] {
  const list = (data as { activeTargets?: unknown } | null)?.activeTargets ?? [];
  if (!data || typeof data !== 'object' || !Array.isArray(list) || !list.every((t) => t && typeof t === 'object' && isLabels(t.labels))) throw malformed(url, 'the list of targets');
  return list as T[];
}

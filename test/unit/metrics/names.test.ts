import test from 'node:test';
import assert from 'node:assert/strict';
import { boundedDistance, didYouMean } from '../../../server/src/metrics/didYouMean';
import { KnownNames } from '../../../server/src/metrics/knownNames';
import { unknownMetricDiagnostics } from '../../../server/src/metrics/unknownMetrics';
import { checkUnknownMetrics } from '../../../server/src/metrics/unknownMetricsCheck';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import type { MetricRef } from '../../../server/src/analysis/types';
import { closedUrl } from '../../support/servers';

test('bounded distance equals Levenshtein within the limit and gives up beyond it', () => {
  assert.equal(boundedDistance('kitten', 'sitting', 5), 3);
  assert.equal(boundedDistance('kitten', 'sitting', 2), 3);
  assert.equal(boundedDistance('abc', 'abc', 0), 0);
  assert.equal(boundedDistance('a', 'abcdef', 2), 3);
});

test('did you mean: nearest first, shared prefix breaks ties, nothing when too far', () => {
  const names = ['accumen_mempool_size', 'accumen_mempool_bytes', 'treasury_disbursement_backlog', 'up'];
  assert.deepEqual(didYouMean('accumen_mempol_size', names), ['accumen_mempool_size']);
  assert.deepEqual(didYouMean('treasury_disbursment_backlog', names), ['treasury_disbursement_backlog']);
  assert.deepEqual(didYouMean('node_cpu_seconds_total', names), []);
  assert.deepEqual(didYouMean('upp', names), ['up']);
});

test('did you mean over 100k names stays exact', () => {
  const names = Array.from({ length: 100_000 }, (_, i) => `service_${i}_requests_total`);
  names.push('checkout_requests_total');
  assert.deepEqual(didYouMean('checkout_request_total', names), ['checkout_requests_total']);
});

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
const ref = (name: string, source: MetricRef['source'] = 'promql-block', confidence = 1): MetricRef => ({ name, range, source, confidence });

test('metric/unknown: histogram base names are fine in prose but flagged in queries', () => {
  const known = new KnownNames(['lat_seconds_bucket', 'lat_seconds_sum', 'lat_seconds_count', 'up']);
  assert.ok(known.isFamily('lat_seconds'));
  assert.deepEqual(unknownMetricDiagnostics([ref('lat_seconds', 'prose')], known, 'prod'), []);
  const [d] = unknownMetricDiagnostics([ref('lat_seconds')], known, 'prod');
  assert.match(d!.message, /histogram or summary with no series of its own in prod: query lat_seconds_bucket/);
  assert.equal((d!.data as { fixes: unknown[] }).fixes.length, 3);
});

test('metric/unknown: low-confidence guesses are skipped; a single suggestion is the preferred fix', () => {
  const known = new KnownNames(['up', 'http_requests_total']);
  assert.deepEqual(unknownMetricDiagnostics([ref('some_word', 'prose', 0.3)], known, 'prod'), []);
  const [d] = unknownMetricDiagnostics([ref('http_request_total')], known, 'prod');
  assert.equal(d!.message, 'No series named "http_request_total" in prod. Did you mean "http_requests_total"?');
  assert.equal((d!.data as { fixes: { isPreferred: boolean }[] }).fixes[0]!.isPreferred, true);
  const [far] = unknownMetricDiagnostics([ref('zzz_qqq_total')], known, 'prod');
  assert.equal(far!.message, 'No series named "zzz_qqq_total" in prod.');
  assert.equal(far!.data, undefined);
});

test('the check reports nothing without a Prometheus or when it is unreachable', async () => {
  assert.deepEqual(await checkUnknownMetrics(undefined, [ref('nope_total')], 'lab'), []);
  const down = new PrometheusClient({ name: 'prod', prometheus: { url: await closedUrl() } });
  try { assert.deepEqual(await checkUnknownMetrics(down, [ref('nope_total')], 'prod'), []); } finally { await down.close(); }
});

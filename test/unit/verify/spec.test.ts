// The verification convention in the info string, and the value shown while a condition fails.
import test from 'node:test';
import assert from 'node:assert/strict';
import { verifySpecOf, verifySpecOrError } from '../../../server/src/verify/spec';
import { watchedValue } from '../../../server/src/verify/watchedValue';
import { durationMs } from '../../../server/src/verify/duration';

const b = (info: string) => ({ lang: 'promql' as const, info });

test('```promql verify: polls for 5 minutes every 10 s unless told; precondition asks once', () => {
  assert.equal(verifySpecOf(b('promql')), undefined);
  assert.equal(verifySpecOf({ lang: 'shell', info: 'bash verify' }), undefined);
  assert.deepEqual(verifySpecOf(b('promql verify')), { kind: 'verify', timeoutMs: 300_000, intervalMs: 10_000 });
  assert.deepEqual(verifySpecOf(b('promql verify timeout=90s every=5s')), { kind: 'verify', timeoutMs: 90_000, intervalMs: 5000 });
  assert.deepEqual(verifySpecOf(b('promql  precondition')), { kind: 'precondition', timeoutMs: 0, intervalMs: 10_000 });
  assert.deepEqual(verifySpecOf(b('promql precondition timeout=1m')), { kind: 'precondition', timeoutMs: 60_000, intervalMs: 10_000 });
});

test('a bad option is a clear message, never a silent default', () => {
  assert.match(verifySpecOrError(b('promql verify timeout=5x')).error!, /`5x` in `timeout=5x` is not a duration/);
  assert.match(verifySpecOrError(b('promql verify wait=5m')).error!, /`wait=5m` .* is not an option of verify/);
  assert.match(verifySpecOrError(b('promql verify every=100ms')).error!, /at most once a second/);
});

test('durations as Prometheus writes them', () => {
  assert.equal(durationMs('1h30m'), 5_400_000);
  assert.equal(durationMs('0'), 0);
  assert.equal(durationMs('250ms'), 250);
  assert.equal(durationMs('5 m'), undefined);
});

test('the value watched while a comparison fails: the side that is not a number, with the threshold', () => {
  assert.deepEqual(watchedValue('sum(treasury_disbursement_backlog) < 10'), { expr: 'sum(treasury_disbursement_backlog)', needs: '< 10' });
  assert.deepEqual(watchedValue('5 <= rate(x_total[5m])'), { expr: 'rate(x_total[5m])', needs: '>= 5' });
  assert.equal(watchedValue('up == bool 1'), undefined);
  assert.equal(watchedValue('absent(up{job="x"})'), undefined);
  assert.equal(watchedValue('a > b'), undefined);
});

test('verify/options: a bad option is an error on the info string, in the editor and the CLI alike', async () => {
  const { analyzeText } = await import('../../../server/src/analysis/pipeline');
  const text = '# X\n\n```promql verify timeout=5x\nup == 1\n```\n\n```promql verify timeout=5m\nup == 1\n```\n';
  const { analysis } = await analyzeText(text, { uri: 'file:///x.md' });
  const d = analysis.diagnostics.filter(x => x.code === 'verify/options');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 1);
  assert.deepEqual(d[0].range, { start: { line: 2, character: 3 }, end: { line: 2, character: 27 } });
  assert.match(d[0].message, /`5x` in `timeout=5x` is not a duration/);
});

// The Runs view's grouping: local days newest first, then runbooks, then runs, with the icon,
// environment, duration and outcome each run shows; the incident report's scope of a selection.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RunRecord } from '../../../server/src/run/records';
import { durationText, groupRuns, iconOf, reportScope } from '../../../server/src/runs/groups';

process.env.TZ = 'Europe/Berlin'; // UTC+1 in December: local days differ from the records' UTC files

const rec = (time: string, over: Partial<RunRecord> = {}): RunRecord => ({
  time, runbook: 'payments/backlog.md', section: ['Backlog', 'Diagnose'], block: 2, step: 1, environment: 'staging', kind: 'shell',
  command: 'kubectl get pods', status: 'ok', exitCode: 0, durationMs: 1234, output: '', outputTruncated: false, outputChars: 0, ...over,
});

test('days are local days, newest first; runbooks by their latest run; runs newest first', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const records = [
    rec('2026-12-02T22:50:00Z', { runbook: 'a.md' }), // 23:50 local, 2 Dec
    rec('2026-12-02T23:10:00Z', { runbook: 'a.md', step: 2 }), // 00:10 local, 3 Dec
    rec('2026-12-03T09:00:00Z', { runbook: 'b.md', environment: 'production', status: 'failed', exitCode: 2 }),
    rec('2026-12-03T08:00:00Z', { runbook: 'a.md', step: 3 }),
    rec('2026-11-30T08:00:00Z'),
  ];
  const days = groupRuns(records, now);
  assert.deepEqual(days.map(d => d.label), ['Today (2026-12-03)', 'Yesterday (2026-12-02)', '2026-11-30']);
  assert.deepEqual(days[0]!.runbooks.map(b => [b.runbook, b.runs.map(r => r.label)]), [
    ['b.md', ['10:00:00 step 1']],
    ['a.md', ['09:00:00 step 3', '00:10:00 step 2']],
  ]);
  assert.equal(days[0]!.description, '3 runs, 1 not ok');
  assert.equal(days[1]!.runbooks[0]!.runs[0]!.label, '23:50:00 step 1');
  assert.deepEqual(days[0]!.runbooks[0]!.runs[0]!.description, 'production · 1.2 s · exit 2 · Diagnose');
  assert.deepEqual(days[0]!.runbooks[1]!.runs[0]!.description, 'staging · 1.2 s · Diagnose');
  assert.equal(days[0]!.runbooks[1]!.description, '2 runs · staging');
  assert.equal(days[0]!.runbooks[0]!.runs[0]!.position, 2, 'the index into the list given');
});

test('timeline events, torn and foreign lines are not runs', () => {
  const days = groupRuns([
    rec('2026-12-03T09:00:00Z'),
    { event: 'silence', time: '2026-12-03T09:01:00Z', environment: 'staging', runbook: 'payments/backlog.md', action: 'created', id: 'x', matchers: [] },
    { time: 'not a time', runbook: 'x.md', block: 0 }, null, 'text', { runbook: 'y.md' }, { time: '2026-12-03T09:00:00Z', runbook: 'z.md' },
    { ...rec('2026-12-03T08:00:00Z', { runbook: 'odd.md' }), section: undefined },
  ], new Date('2026-12-03T12:00:00Z'));
  assert.equal(days.length, 1);
  assert.deepEqual(days[0]!.runbooks.map(b => [b.runbook, b.runs.length]), [['payments/backlog.md', 1], ['odd.md', 1]]);
  assert.deepEqual([days[0]!.runbooks[1]!.runs[0]!.label, days[0]!.runbooks[1]!.runs[0]!.description], ['09:00:00 step 1', 'staging · 1.2 s'], 'a record without its section still shows');
});

test('status icons: ✓ ok, ✗ failed, ⚠ failed in the middle, ⊘ cancelled or timed out', () => {
  assert.equal(iconOf({ status: 'ok', exitCode: 0 }).id, 'pass');
  assert.equal(iconOf({ status: 'failed', exitCode: 1 }).id, 'error');
  assert.equal(iconOf({ status: 'failed', exitCode: 0, failure: { line: 2, exitCode: 127, text: 'nosuch' } }).id, 'warning');
  assert.equal(iconOf({ status: 'cancelled', exitCode: 130 }).id, 'circle-slash');
  assert.equal(iconOf({ status: 'timeout', exitCode: 124 }).id, 'circle-slash');
  const failedMid = groupRuns([rec('2026-12-03T09:00:00Z', { status: 'failed', exitCode: 0, failure: { line: 2, exitCode: 127, text: 'nosuch' } })], new Date('2026-12-03T12:00:00Z'));
  assert.match(failedMid[0]!.runbooks[0]!.runs[0]!.description, /line 2 failed \(exit 127\) · Diagnose$/);
});

test('durations read as people say them', () => {
  assert.deepEqual([850, 4200, 185_000, 3_725_000, -1, NaN].map(durationText), ['850 ms', '4.2 s', '3 m 05 s', '1 h 02 m', '?', '?']);
});

test('report scope of a selection: from the first start to the last end, one runbook and environment only when shared', () => {
  const a = rec('2026-12-03T09:00:00Z', { durationMs: 5000 });
  const b = rec('2026-12-03T09:10:00Z', { durationMs: 60_000, environment: 'production' });
  assert.deepEqual(reportScope([b, a]), { from: '2026-12-03T09:00:00.000Z', to: '2026-12-03T09:11:01.000Z', runbook: 'payments/backlog.md' });
  assert.deepEqual(reportScope([a]), { from: '2026-12-03T09:00:00.000Z', to: '2026-12-03T09:00:06.000Z', runbook: 'payments/backlog.md', environment: 'staging' });
  assert.equal(reportScope([]), undefined);
});

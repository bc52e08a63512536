import test from 'node:test';
import assert from 'node:assert/strict';
import { matchExpected } from '../../../server/src/run/expected';

test('timestamps, hashes, ids and counts do not matter', () => {
  const expected = 'NAME                     READY   STATUS    RESTARTS   AGE\napi-7d9f8b6c5-x2x4k      1/1     Running   0          5m\n';
  const actual = 'NAME                     READY   STATUS    RESTARTS   AGE\napi-5c4b3a2f1-qq9zz      1/1     Running   3          2d4h\napi-5c4b3a2f1-k8j7h      1/1     Running   0          2d4h\n';
  assert.deepEqual(matchExpected(expected, actual), { matched: true, differences: [] });
  assert.equal(matchExpected('2026-11-26T00:41:51Z commit a1b2c3d ok', '2025-01-02T10:11:12Z commit 9f8e7d6 ok').matched, true);
});

test('a different shape is reported', () => {
  const r = matchExpected('STATUS Running\n', 'STATUS CrashLoopBackOff\nError: back-off restarting\n');
  assert.equal(r.matched, false);
  assert.deepEqual(r.differences, ['- STATUS Running', '+ STATUS CrashLoopBackOff', '+ Error: back-off restarting']);
});

test('colour and hyperlink escapes in the output do not count', () => {
  const actual = '\x1b[1;32mSTATUS\x1b[0m \x1b]8;;https://ci.example/run/7\x07Running\x1b]8;;\x07\n';
  assert.deepEqual(matchExpected('STATUS Running\n', actual), { matched: true, differences: [] });
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../../server/src/model/build';
import { planBlocks, runInOrder, ScopeError } from '../../../server/src/run/plan';
import { resultLabel } from '../../../server/src/run/label';

const model = buildModel(readFileSync(join(__dirname, '../../fixtures/run/ws/checkout.md'), 'utf8'));

test('plans cover one block, a section or the whole runbook, never expected-output blocks', () => {
  assert.deepEqual(planBlocks(model, { all: true }).map((b) => b.index), [0, 1, 3, 4, 5]);
  assert.deepEqual(planBlocks(model, { section: 'diagnose' }).map((b) => b.index), [1, 3, 4]);
  assert.deepEqual(planBlocks(model, { block: 3 }).map((b) => b.index), [3]);
  assert.throws(() => planBlocks(model, { block: 2 }), /not a shell or PromQL step/);
  assert.throws(() => planBlocks(model, { block: 99 }), ScopeError);
  assert.throws(() => planBlocks(model, { section: 'Nope' }), /No section titled "Nope"/);
});

test('running in order stops at the first step that does not succeed', async () => {
  const seen: number[] = [];
  const results = await runInOrder([0, 1, 2, 3], async (n) => { seen.push(n); return { status: n === 1 ? 'failed' : 'ok' }; });
  assert.deepEqual(seen, [0, 1]);
  assert.equal(results.length, 2);
});

test('result labels for the lens', () => {
  assert.equal(resultLabel({ status: 'ok', exitCode: 0, durationMs: 812 }), '✓ 0.8s');
  assert.equal(resultLabel({ status: 'failed', exitCode: 2, durationMs: 5 }), '✗ exit 2');
  assert.equal(resultLabel({ status: 'ok', exitCode: 0, durationMs: 5, expected: { matched: false, differences: [] } }), '✓ 0.0s · output differs');
  assert.equal(resultLabel({ status: 'session-exit', exitCode: 3, durationMs: 5 }), '✗ exit 3, session ended');
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../../server/src/model/build';
import { planBlocks, runInOrder, ScopeError, stepNumber } from '../../../server/src/run/plan';
import { formatDuration, resultLabel } from '../../../server/src/run/label';
import { documentSymbols } from '../../../server/src/lsp/features/symbols';

const model = buildModel(readFileSync(join(__dirname, '../../fixtures/run/ws/checkout.md'), 'utf8'));

test('plans cover one block, a section or the whole runbook, never expected-output blocks', () => {
  assert.deepEqual(planBlocks(model, { all: true }).map((b) => b.index), [0, 1, 3, 4, 5]);
  assert.deepEqual(planBlocks(model, { section: 'diagnose' }).map((b) => b.index), [1, 3, 4]);
  assert.deepEqual(planBlocks(model, { step: 3 }).map((b) => b.index), [3], 'step 3 is the third runnable block (the expected output is no step)');
  assert.throws(() => planBlocks(model, { step: 0 }), /numbered from 1/);
  assert.throws(() => planBlocks(model, { step: 99 }), ScopeError);
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
  assert.equal(resultLabel({ status: 'ok', exitCode: 0, durationMs: 5, expected: { matched: false, differences: [] } }), '✓ 5ms · output differs');
  assert.equal(resultLabel({ status: 'session-exit', exitCode: 3, durationMs: 5 }), '✗ exit 3, session ended');
});

test('a step that went on after a failing command is labelled with that line, not ✓', () => {
  const failure = { line: 2, exitCode: 127, text: 'nosuchcmd | cat' };
  assert.equal(resultLabel({ status: 'failed', exitCode: 0, durationMs: 30, failure }), '⚠ line 2 failed (exit 127)');
  assert.equal(resultLabel({ status: 'failed', exitCode: 127, durationMs: 30, failure }), '✗ line 2 failed (exit 127)');
  assert.equal(resultLabel({ status: 'failed', exitCode: 1, durationMs: 30, failure }), '✗ exit 1 · line 2 failed (exit 127)');
});

test('durations say how long a fast step took instead of 0.0s', () => {
  assert.equal(formatDuration(12), '12ms');
  assert.equal(formatDuration(99.6), '100ms');
  assert.equal(formatDuration(812), '0.8s');
  assert.equal(formatDuration(125_000), '2m 05s');
});

// The sample's shape: headings numbered by step, an expected-output block and an alert-rule YAML.
const backlog = buildModel(readFileSync(join(__dirname, '../../fixtures/run/ws/backlog.md'), 'utf8'));

test('one step numbering: the heading "4." is step 4, output and YAML blocks are no steps', () => {
  const steps = planBlocks(backlog, { all: true });
  assert.equal(steps.length, 6, 'four diagnosis steps and two mitigation steps');
  const step4 = planBlocks(backlog, { step: 4 })[0];
  assert.deepEqual(step4.sectionPath.at(-1), '4. Look at one stuck entry');
  assert.equal(stepNumber(backlog, step4.index), 4);
  const notSteps = backlog.blocks.filter((b) => stepNumber(backlog, b.index) === undefined).map((b) => b.rawLang || 'text');
  assert.deepEqual(notSteps, ['text', 'yaml']);
});

test('the outline lists the same steps with the same numbers, and no output or YAML block as a step', () => {
  const names: string[] = [];
  const walk = (xs: ReturnType<typeof documentSymbols>) => { for (const x of xs) { names.push(x.name); walk(x.children ?? []); } };
  walk(documentSymbols(backlog));
  const stepNames = names.filter((n) => /step \d/.test(n));
  assert.deepEqual(stepNames, ['bash · step 1', 'promql · step 2', 'bash · step 3', 'bash · step 4', 'bash · step 5', 'bash · step 6']);
});

test('a shell block with nothing to run (a REPL session, a pasted listing) is no step', () => {
  const text = [
    '# Check the replica', '',
    '```sql', 'SELECT 1;', '```', '',
    '```console', 'mysql> SHOW SLAVE STATUS\\G', 'mysql> SELECT now();', '```', '',
    '```bash', 'kubectl -n payments get pods', '```', '',
    '```console', '$ mysql -h db -e "SELECT 1"', '+---+', '| 1 |', '+---+', '```', '',
  ].join('\n');
  const m = buildModel(text);
  const shell = m.blocks.filter((b) => b.lang === 'shell').map((b) => b.index);
  assert.equal(shell.length, 3, 'the fixture has three shell-tagged blocks');
  assert.deepEqual(planBlocks(m, { all: true }).map((b) => b.index), [shell[1], shell[2]]);
  assert.equal(stepNumber(m, shell[0]), undefined, 'the mysql> session gets no step number');
  assert.equal(stepNumber(m, shell[1]), 1);
});

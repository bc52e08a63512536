// The benchmark is not part of the test command, but it must not rot: run it at toy sizes and
// check that it measures everything and ends with one verdict line per goal. No figures are
// asserted (the machine is shared and noisy); only that each figure is there and is a number.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

test('npm run bench -- --tiny prints the table and a verdict per goal', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/main.ts'), '--tiny'], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  const rows = out.split('\n').filter(l => l.startsWith('| '));
  for (const figure of [
    'floor: markdown-it tokenize', 'baseline: remark, whole document', 'baseline: remark, chunked parse alone',
    'ours: cold full check', 'ours: keystroke → diagnostics (syntax)', 'peer: vscode-markdown-languageservice cold',
    'peer: markdown-languageservice keystroke', 'hover latency minus Prometheus query',
    'workspace index, cold', 'workspace index, restart', 'workspace index, server peak RSS',
    'PromQL: full check', 'PromQL: lezer parse alone', 'runbook check, field corpus',
    'runbook check over a repository',
  ]) {
    const row = rows.find(l => l.includes(figure));
    assert.ok(row, `row "${figure}" is missing:\n${out}`);
    const value = row.split('|')[3].trim();
    assert.match(value, /^(\d+(\.\d+)?( MB)?|skipped)$/, `row "${figure}" has no figure: ${row}`);
  }
  assert.equal(rows.filter(l => l.includes('| 20 KB ') && l.includes('ours: keystroke')).length, 2, 'each size is measured');
  const goals = out.trim().split('\n').filter(l => /^(PASS|FAIL|SKIP) /.test(l));
  // The stall cases add one goal each (bench/stalls.ts); the fixed goals are named below.
  assert.ok(goals.length >= 11, out);
  for (const g of ['cold check of', 'analysis adds', 'keystroke re-check on 20 KB', 'keystroke re-check on 3 KB', 'faster than each peer', 'hover overhead', 'runbooks < 3 s', 'runbooks < 200 MB RSS', 'PromQL check of', 'field corpus check no slower', 'symptom check of', 'worst request wait', 's cold', 's warm, one file changed']) {
    assert.ok(goals.some(l => l.includes(g)), `goal "${g}" missing`);
  }
  assert.match(out.trim().split('\n').at(-1)!, /^(PASS|FAIL|SKIP) /, 'the output ends with the goal lines');
});

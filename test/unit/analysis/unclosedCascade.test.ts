// An unclosed fence is one error: the prose and steps it swallows are not reported again as shell,
// PromQL or lint findings. Dangerous commands in it are still named.
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { keptOnUnclosedBlock } from '../../../server/src/analysis/unclosedCascade';

const serious = <T extends { severity?: number }>(ds: T[]) => ds.filter((d) => d.severity === 1 || d.severity === 2);

test('a PromQL fence closed with two backticks in a list item: one error, none for the swallowed prose', async () => {
  const text = [
    '# Queue saturation', '',
    '1. Check the queue:',
    '   ```promql',
    '   rate(ledger_jobs_total{job="ledger"}[5m])',
    '   ``',
    '   If the rate stays above 90%, drain the worker (see below) and',
    '   mark the node as {unschedulable so no new jobs land on it.', '',
    '2. Drain it:', '',
    '   ```bash',
    '   ledgerctl drain --node "$NODE"',
    '   ```', '',
  ].join('\n');
  const { analysis } = await analyzeText(text, { includeSlow: true });
  assert.deepEqual(serious(analysis.diagnostics).map((d) => [d.code, d.range.start.line]), [['markdown/unclosed-fence', 3]]);
});

test('a shell fence left open at the end of the file: one error; its dangerous command is still named', async () => {
  const text = [
    '# Reset the cache', '',
    '```bash',
    'kubectl delete pod cache-0 -n billing',
    '', '## Afterwards', '',
    'Check that the pod (and its "sidecar) comes back; if it doesn\'t, page the on-call.',
  ].join('\n');
  const { analysis } = await analyzeText(text, { includeSlow: true });
  assert.deepEqual(serious(analysis.diagnostics).map((d) => d.code), ['markdown/unclosed-fence', 'command/dangerous']);
});

test('a closed block keeps all its findings', async () => {
  const { analysis } = await analyzeText('# Step\n\n```bash\necho "unbalanced\n```\n', { includeSlow: true });
  assert.deepEqual(serious(analysis.diagnostics).map((d) => d.code), ['shell/syntax']);
});

test('a close written with a language (```bash) is named: one warning, no findings in what it swallowed', async () => {
  const text = '# Restart\n\n```bash\nsystemctl status ledger\n```bash\n\nThen restart it (if `status` says "failed"):\n\n```bash\nsystemctl restart ledger\n```\n';
  const { analysis } = await analyzeText(text, { includeSlow: true });
  assert.deepEqual(analysis.diagnostics.map((d) => [d.code, d.range.start.line]), [['markdown/fence-in-block', 4], ['command/dangerous', 9]]);
  const unclosed = await analyzeText('# Restart\n\n```bash\nsystemctl status ledger\n```bash\n\nThen check the logs.\n', { includeSlow: true });
  assert.deepEqual(unclosed.analysis.diagnostics.map((d) => d.code), ['markdown/unclosed-fence']);
  assert.match(unclosed.analysis.diagnostics[0].message, /Line 5 \(```bash\) does not close it/);
  const md = await analyzeText('# Docs\n\n```markdown\n```bash\necho hi\n```\n', { includeSlow: true });
  assert.ok(!md.analysis.diagnostics.some((d) => d.code === 'markdown/fence-in-block'), 'markdown about markdown shows fences on purpose');
});

test('whether a block swallows what follows is worked out once per block, not once per finding (a 100k-line block was quadratic)', () => {
  let reads = 0;
  const body = Array.from({ length: 1000 }, (_, i) => `rm -rf $DIR/<p${i}>`).join('\n');
  const block = { kind: 'fenced' as const, closed: true, fence: { char: '`', length: 3 }, rawLang: 'bash', get body() { reads++; return body; } };
  for (let i = 0; i < 3000; i++) keptOnUnclosedBlock(block as never, { span: { start: 0, end: 1 }, severity: 1, code: 'shell/syntax', message: 'x' } as never);
  assert.equal(reads, 1);
});

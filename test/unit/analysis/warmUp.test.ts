// The start-up warm-up must exercise the paths a first keystroke takes: a real runbook with every
// kind of block, edits that land inside a shell block, and every check running without a crash.
import test from 'node:test';
import assert from 'node:assert/strict';
import { warmUp } from '../../../server/src/lsp/warmUp';
import { defaultSettings } from '../../../server/src/analysis/settings';

test('warm-up analyses a runbook with every block kind and edits inside its shell block', async () => {
  const { model, analysis } = await warmUp(defaultSettings, 3);
  assert.deepEqual([...new Set(model.blocks.map(b => b.lang))].sort(), ['promql', 'shell', 'yaml']);
  const shell = model.blocks.find(b => b.lang === 'shell')!;
  assert.match(shell.body, /--tail=50xxx$/m, 'the edits landed inside the shell block');
  assert.deepEqual(analysis.placeholders.map(p => p.text).sort(), ['$RELEASE', '<namespace>', '<pod>']);
  assert.ok(analysis.metrics.some(m => m.name === 'accumen_mempool_size' && m.source === 'inline'));
  assert.ok(analysis.diagnostics.some(d => d.code === 'markdown/unfenced-command'));
  assert.deepEqual(analysis.diagnostics.filter(d => d.code === 'runbook/check-failed'), []);
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { isUnfencedCommand } from '../../../server/src/commands/unfenced';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix, TextEditDoc } from '../../../server/src/analysis/types';

test('clear commands are recognised; prose is not', () => {
  for (const l of ['kubectl rollout restart deploy/api -n prod', 'docker compose logs -f api', 'docker-compose up -d',
    'helm upgrade api ./chart', 'python3 ops/failover.py --region eu', 'sudo systemctl restart nginx']) assert.ok(isUnfencedCommand(l), l);
  for (const l of ['helm is the package manager we use', 'kubectl is configured by ops', 'sudo access is required',
    'Docker compose files live in deploy/', '`kubectl get pods`']) assert.ok(!isUnfencedCommand(l), l);
});

test('consecutive command lines in a list item become one fence at the item indentation', async () => {
  const doc = '# Restart\n\n1. Restart the pods:\n   kubectl rollout restart deploy/api -n prod\n   kubectl rollout status deploy/api -n prod\n2. Done.\n';
  const { analysis } = await analyzeText(doc);
  const ds = analysis.diagnostics.filter((d) => d.code === 'markdown/unfenced-command');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].severity, 4);
  assert.deepEqual(ds[0].range, { start: { line: 3, character: 3 }, end: { line: 4, character: 44 } });
  const fix = (ds[0].data as { fixes: Fix<TextEditDoc>[] }).fixes[0];
  const fixed = TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 0, doc), fix.edits);
  assert.ok(fixed.includes('   ```bash\n   kubectl rollout restart deploy/api -n prod\n   kubectl rollout status deploy/api -n prod\n   ```\n2. Done.'), fixed);
  const after = await analyzeText(fixed);
  assert.ok(!after.analysis.diagnostics.some((d) => d.code === 'markdown/unfenced-command'));
  assert.equal(after.model.blocks[0].lang, 'shell');
  assert.equal(after.model.blocks[0].nested, true);
});

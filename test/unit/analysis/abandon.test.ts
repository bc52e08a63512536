// A stale analysis stops at the next block instead of finishing work nobody will see (issue 19
// item 9: 200 fast edits to a 4.8 MB runbook analysed every version to the end).
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, AnalysisAbandoned } from '../../../server/src/analysis/pipeline';
import { clearBlockCache } from '../../../server/src/analysis/blockCache';
import { mergeSettings } from '../../../server/src/analysis/settings';

const settings = mergeSettings({ shellcheck: { enabled: false } });
const text = `# Steps\n\n${Array.from({ length: 50 }, (_, i) => `## Step ${i}\n\n\`\`\`bash\nkill -9 <pid${i}>\n\`\`\`\n`).join('\n')}`;

test('analyzeText rejects with AnalysisAbandoned once stale() turns true, having looked at few blocks', async () => {
  clearBlockCache();
  let asked = 0;
  await assert.rejects(analyzeText(text, { settings, stale: () => ++asked > 3 }), AnalysisAbandoned);
  // Asked after parsing and before each block: it stopped at the second block, not after all 50.
  assert.ok(asked < 10, `stale() asked ${asked} times`);
});

test('never stale: the same result as without the option', async () => {
  clearBlockCache();
  const plain = await analyzeText(text, { settings });
  clearBlockCache();
  const watched = await analyzeText(text, { settings, stale: () => false });
  assert.deepEqual(watched.analysis, plain.analysis);
  assert.equal(plain.analysis.dangers.length, 50);
});

// A generated block with thousands of findings publishes a bounded list and says how many more.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type LspSession } from '../tools/lspClient';

let s: LspSession;
before(async () => { s = await startServer({ initializationOptions: { settings: { shellcheck: { enabled: false } } } }); });
after(async () => { await s.stop(); });

const line = (i: number) => `rm -rf $DIR/<path${i % 7}> ; kill -9 <pid>`;

test('a 3,000-line bash block: at most 100 diagnostics for it, plus one "and N more" (a 100,000-line one published 300,001)', { timeout: 60_000 }, async () => {
  const uri = 'file:///tmp/cap-block.md';
  const wait = s.diagnostics(uri);
  s.open(uri, `# Generated\n\n\`\`\`bash\n${Array.from({ length: 3000 }, (_, i) => line(i)).join('\n')}\n\`\`\`\n`);
  const diags = await wait;
  const more = diags.filter((d) => d.code === 'runbook/more-findings');
  assert.equal(more.length, 1);
  assert.equal(diags.length, 101);
  const n = Number(/and (\d+) more findings in this block/.exec(more[0].message)![1]);
  assert.ok(n > 5000, more[0].message);
  assert.equal(more[0].severity, 3);
});

test('many blocks: at most 1,000 diagnostics in the document, plus one "and N more"', { timeout: 60_000 }, async () => {
  const uri = 'file:///tmp/cap-document.md';
  const wait = s.diagnostics(uri);
  const blocks = Array.from({ length: 40 }, (_, b) => `## Step ${b}\n\n\`\`\`bash\n${Array.from({ length: 20 }, (_, i) => line(i)).join('\n')}\n\`\`\`\n`);
  s.open(uri, `# Generated\n\n${blocks.join('\n')}`);
  const diags = await wait;
  const doc = diags.filter((d) => /in this document/.test(d.message));
  assert.equal(doc.length, 1);
  assert.ok(diags.length <= 1000 + 1 + 40, `${diags.length} diagnostics`);
  assert.ok(Number(/and (\d+) more/.exec(doc[0].message)![1]) > 500, doc[0].message);
});

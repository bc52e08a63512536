// Issue 19 item 9: no request waits behind analysis. The analysis runs on a worker thread, so a
// request about a small document is answered while a huge one is still being analysed, and a
// version superseded mid-analysis is abandoned, never published. Ordering, not milliseconds.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type LspSession } from '../tools/lspClient';

let s: LspSession;
after(async () => { await s.stop(); });

const victim = 'file:///tmp/offthread/victim.md';
const bashBlock = (lines: number, tag: string) => `\`\`\`bash\n${Array.from({ length: lines }, (_, i) => `rm -rf $DIR/<path${i % 7}> ; kill -9 <pid> # ${tag}`).join('\n')}\n\`\`\`\n`;

before(async () => {
  s = await startServer({ initializationOptions: { settings: { shellcheck: { enabled: false } } } });
  const ready = s.diagnostics(victim);
  s.open(victim, '# Victim\n\n## Check\n\n```bash\nkubectl get pods -n "$NS"\n```\n');
  await ready;
});

test('a request about a small document is answered while a 20,000-line block is still being analysed', { timeout: 240_000 }, async () => {
  const uri = 'file:///tmp/offthread/huge-block.md';
  const done = s.diagnostics(uri, undefined, 110_000);
  s.open(uri, `# Long\n\n${bashBlock(20_000, 'a')}`);
  await sleep(100);
  const folding = await s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: victim } }) as unknown[];
  // Analysed on the main thread, the answer came only after the big document's diagnostics.
  assert.deepEqual(s.publishedVersions(uri), [], 'the big document was already published when the small one was answered');
  assert.ok(folding.length > 0);
  const diags = await done;
  assert.ok(diags.some(d => d.code === 'runbook/more-findings'), 'the big document still gets its (capped) diagnostics');
});

test('a version superseded while it is analysed is abandoned: never published, and the newest is', { timeout: 240_000 }, async () => {
  const uri = 'file:///tmp/offthread/superseded.md';
  const many = (tag: string) => `# Many\n\n${Array.from({ length: 1500 }, (_, b) => `## Step ${b}\n\n${bashBlock(10, `${tag}${b}`)}`).join('\n')}`;
  const first = s.diagnostics(uri, undefined, 110_000);
  s.open(uri, many('v1-'));
  await first;
  // Version 2 changes every block (no cached chunk or finding helps); version 3 follows while it runs.
  s.change(uri, 2, [{ text: many('v2-') }]);
  await sleep(300);
  const last = s.diagnostics(uri, d => d.some(x => x.code === 'markdown/unclosed-fence'), 110_000);
  s.change(uri, 3, [{ text: '# Short\n\n```bash\necho "$HOME"\n' }]);
  await last;
  assert.ok(!s.publishedVersions(uri).includes(2), `versions published: ${s.publishedVersions(uri).join(', ')}`);
  assert.equal(s.publishedVersions(uri).at(-1), 3);
});

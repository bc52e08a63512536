import test from 'node:test';
import assert from 'node:assert/strict';
import { defuseBacktickRuns } from '../../../server/src/model/backtickRuns';
import { buildModel } from '../../../server/src/model/build';

/** `a``a```a… up to `chars`: no run is ever closed, since each later run is longer. */
function growingRuns(chars: number): string {
  let t = '';
  for (let n = 1; t.length < chars; n++) t += `${'`'.repeat(n)}a`;
  return t;
}

test('a 2 MB line of backtick runs of growing length is read in one pass (micromark took 24 s for 1 MB), code spans kept', { timeout: 20_000 }, () => {
  const text = `# Ticks\n\nRun \`kubectl get pods\` first. ${growingRuns(2_000_000)}\n\nThen \`\`a \` b\`\` and \`done\`.\n`;
  const m = buildModel(text);
  assert.deepEqual(m.inlineCodes.map((c) => c.text), ['kubectl get pods', 'a ` b', 'done']);
  const done = m.inlineCodes[2];
  assert.equal(text.slice(done.offset, done.offset + 4), 'done', 'offsets are the original text\'s');
});

test('only runs that open no code span are replaced, by as many characters', () => {
  const hostile = growingRuns(200_000);
  const text = `Use \`x\` and \`\`y\`\` here ${hostile}\n\nand \`z\`\n\n\`\`\`bash\necho \`date\`\n\`\`\`\n`;
  const out = defuseBacktickRuns(text);
  assert.equal(out.length, text.length);
  assert.ok(out.startsWith('Use `x` and ``y`` here '));
  assert.ok(out.endsWith('\n\nand `z`\n\n```bash\necho `date`\n```\n'), out.slice(-40));
  assert.equal(out.slice(23, 23 + hostile.length).includes('`'), false);
  // Ordinary text is returned as it is (the same string).
  const plain = 'Run `a` then ``b``, and a lone ` tick.\n';
  assert.equal(defuseBacktickRuns(plain), plain);
});

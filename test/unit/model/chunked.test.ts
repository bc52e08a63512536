import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parseChunks } from '../../../server/src/model/build';
import { generateRunbook } from '../../tools/generate';

const fixturesRoot = join(__dirname, '../../fixtures');
const corpus = '/work/shared/corpus';

function allMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? allMarkdown(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []);
}

const files = [...allMarkdown(fixturesRoot), ...allMarkdown(join(__dirname, '../../../runbooks')), ...(existsSync(corpus) ? allMarkdown(corpus) : [])];

for (const file of files) {
  test(`chunked model equals whole-document model: ${file.split('/').slice(-2).join('/')}`, () => {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(buildModel(text), buildModel(text, undefined, 0, { chunked: false }));
  });
}

const tricky: Record<string, string> = {
  'heading inside an open fence': '# A\n```bash\necho\n# not a heading\n## nor this\n```\n# B\ntext\n',
  'heading after an unclosed fence in a list item': '# A\n- item\n  ```bash\n  ls\n# B\n```\n# C\n',
  'heading inside an HTML comment': '# A\n<!--\n# hidden\n-->\n# B\n',
  'heading right after an HTML block': '# A\n<div>\n# inside html\n</div>\n\n# B\n',
  'tilde fence with a backtick heading inside': '# A\n~~~\n```\n# x\n~~~\n# B\n',
  'quote and list before a heading': '# A\n> quote `q`\n# B\n- item `i`\n# C\n',
};
for (const [name, text] of Object.entries(tricky)) {
  test(`chunked model equals whole-document model: ${name}`, () => {
    assert.deepEqual(buildModel(text), buildModel(text, undefined, 0, { chunked: false }));
  });
}

test('a generated runbook is cut into many chunks and still equals the whole parse', () => {
  const text = generateRunbook(120_000, 7);
  assert.ok(parseChunks(text).length > 20);
  assert.deepEqual(buildModel(text), buildModel(text, undefined, 0, { chunked: false }));
});

test('an edit changes only the chunk it touches', () => {
  const text = generateRunbook(60_000, 3);
  const before = parseChunks(text);
  const mid = text.indexOf('echo', text.length / 2);
  const edited = text.slice(0, mid) + 'x' + text.slice(mid);
  const after = parseChunks(edited);
  assert.equal(after.length, before.length);
  const changed = after.filter((c, i) => c.facts !== before[i].facts).length;
  assert.equal(changed, 1, 'all other chunk facts come from the cache');
});

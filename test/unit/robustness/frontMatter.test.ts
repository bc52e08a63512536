// Regressions found by the fuzzer (test/fuzz) around front matter.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../server/src/model/build';

const both = (text: string) => [buildModel(text), buildModel(text, undefined, 0, { chunked: false })];

test('an unclosed leading --- does not turn later lists and quotes into paragraphs', () => {
  // micromark-extension-frontmatter#5: without the guard, the list item's fence was lost.
  const text = '---\nnot front matter\n\n- step\n\n  ```bash\n  ls\n  ```\n\n> quoted `q`\n';
  for (const m of both(text)) {
    assert.equal(m.frontMatter, undefined);
    assert.equal(m.blocks.length, 1);
    assert.equal(m.blocks[0].nested, true, 'the fence is inside the list item');
    assert.ok(m.paragraphs.some(p => p.inList && p.text === 'step'));
  }
});

test('a # comment inside YAML front matter is not a section, chunked or not', () => {
  const text = '---\ntitle: x\n# owner: sre\n---\n- a `up`\n# Real title\n';
  const [chunked, whole] = both(text);
  assert.deepEqual(chunked, whole);
  assert.equal(chunked.frontMatter?.kind, 'yaml');
  assert.deepEqual(chunked.sections.map(s => s.title), ['Real title']);
  assert.deepEqual(chunked.inlineCodes[0].sectionPath, []);
});

test('closed front matter (yaml, toml, empty, CRLF) is still recognised', () => {
  assert.equal(buildModel('---\ntitle: x\n---\n').frontMatter?.kind, 'yaml');
  assert.equal(buildModel('+++\na = 1\n+++\n').frontMatter?.kind, 'toml');
  assert.equal(buildModel('---\n---\n# h\n').frontMatter?.kind, 'yaml');
  assert.equal(buildModel('---\r\ntitle: x\r\n---\r\n- y\r\n').frontMatter?.kind, 'yaml');
});

test('a leading byte-order mark shifts nothing (found by fuzzing: micromark drops it from offsets)', () => {
  const text = '\uFEFF 😀\r\n\r\n> > Check\r\n\r\n# Check `up`\r\n\r\nCheck';
  const [chunked, whole] = both(text);
  assert.deepEqual(chunked, whole);
  assert.equal(chunked.sections[0].headingRange.start.line, 4);
  assert.deepEqual(chunked.inlineCodes[0].range, { start: { line: 4, character: 9 }, end: { line: 4, character: 11 } });
  const fm = buildModel('\uFEFF---\ntitle: x\n# comment\n---\n# Real\n');
  assert.equal(fm.frontMatter?.kind, 'yaml');
  assert.deepEqual(fm.sections.map(s => s.title), ['Real']);
});

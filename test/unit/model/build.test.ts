import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../../server/src/model/build';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/markdown', name), 'utf8');

test('messy runbook: languages, closed flags, nesting and front matter', () => {
  const m = buildModel(fixture('messy.md'));
  assert.deepEqual(m.blocks.map(b => [b.kind, b.rawLang, b.lang, b.closed, b.nested]), [
    ['fenced', 'bash', 'shell', true, true],
    ['fenced', 'promql', 'promql', true, true],
    ['indented', '', 'none', true, true],
    ['fenced', '', 'none', true, false],
    ['fenced', 'markdown', 'other', true, false],
    ['fenced', 'sh', 'shell', true, true],
    ['indented', '', 'none', true, false],
  ]);
  assert.equal(m.frontMatter?.kind, 'yaml');
  assert.match(m.frontMatter!.value, /owner: payments-sre/);
  assert.deepEqual(m.sections.map(s => s.path.join(' > ')), [
    'Treasury disbursement stalls 🚨',
    'Treasury disbursement stalls 🚨 > Diagnosis — step by step',
    'Treasury disbursement stalls 🚨 > Diagnosis — step by step > Escalation',
  ]);
  assert.deepEqual(m.blocks[0].sectionPath, m.sections[1].path);
  // The 4-backtick fence keeps the inner ``` lines as its body.
  assert.match(m.blocks[4].body, /^```bash\necho/);
});

test('ranges are LSP positions in UTF-16 on lines with emoji and mojibake', () => {
  const text = fixture('messy.md');
  const m = buildModel(text);
  const lines = text.split('\n');
  for (const ic of m.inlineCodes) {
    const line = lines[ic.range.start.line];
    assert.equal(line.slice(ic.range.start.character, ic.range.end.character), ic.text, `inline code ${ic.text}`);
  }
  const names = m.inlineCodes.map(i => i.text);
  assert.ok(names.includes('rate(treasury_disbursed_total[5m])'));
  assert.ok(names.includes('treasury_queue_depth'));
  // The table row holds an emoji after the code span: the span itself must still be exact.
  const q = m.inlineCodes.find(i => i.text === 'treasury_queue_depth')!;
  assert.equal(q.range.start.character, 3);
});

test('body ranges and bodyLineStarts point at the body text in the document', () => {
  const text = fixture('messy.md');
  const m = buildModel(text);
  for (const b of m.blocks) {
    const lines = b.body === '' ? [] : b.body.split('\n');
    lines.forEach((l, i) => assert.equal(text.slice(b.bodyLineStarts[i], b.bodyLineStarts[i] + l.length), l, `block ${b.index} line ${i}`));
  }
  const bash = m.blocks[0];
  assert.deepEqual(bash.range, { start: { line: 13, character: 3 }, end: { line: 15, character: 6 } });
  assert.deepEqual(bash.bodyRange, { start: { line: 14, character: 3 }, end: { line: 14, character: 35 } });
  assert.deepEqual(bash.infoRange, { start: { line: 13, character: 6 }, end: { line: 13, character: 10 } });
});

test('expected output blocks are linked to the step they belong to', () => {
  const m = buildModel(fixture('messy.md'));
  const out = m.blocks[3];
  assert.equal(out.expectedOutputOf, 2);
  assert.equal(m.blocks[2].expectedOutput, 3);
  assert.equal(m.blocks[0].expectedOutput, undefined);
});

test('an unclosed fence inside a list item ends where the item ends', () => {
  const m = buildModel(fixture('unclosed-in-list.md'));
  assert.equal(m.blocks.length, 2);
  assert.equal(m.blocks[0].closed, false);
  assert.equal(m.blocks[0].nested, true);
  assert.equal(m.blocks[0].body, 'relayctl drain --node <node>');
  assert.equal(m.blocks[1].closed, true);
  assert.equal(m.blocks[1].body, 'systemctl restart relay');
});

test('a top-level unclosed fence swallows the rest of the file, headings included', () => {
  const m = buildModel(fixture('unclosed-at-end.md'));
  assert.equal(m.blocks.length, 1);
  assert.equal(m.blocks[0].closed, false);
  assert.match(m.blocks[0].body, /## Verify/);
  assert.equal(m.sections.length, 1, 'the swallowed heading is not a section');
});

test('CRLF line endings keep exact ranges', () => {
  const text = fixture('crlf.md');
  const m = buildModel(text);
  assert.equal(m.blocks.length, 1);
  assert.equal(m.blocks[0].closed, true);
  assert.deepEqual(m.blocks[0].body.split(/\r?\n/), ['echo one', 'echo two']);
  assert.equal(m.blocks[0].bodyRange.start.line, 3);
  assert.equal(m.inlineCodes[0].text, 'inline');
  assert.deepEqual(m.inlineCodes[0].range.start, { line: 7, character: 11 });
});

test('fence info strings are normalised', () => {
  const text = ['```Shell', 'ls', '```', '```yml', 'a: 1', '```', '```ps1', 'Get-Date', '```', '```{.bash .numberLines}', 'ls', '```', '```', 'x', '```'].join('\n');
  const m = buildModel(text);
  assert.deepEqual(m.blocks.map(b => b.lang), ['shell', 'yaml', 'powershell', 'shell', 'none']);
});

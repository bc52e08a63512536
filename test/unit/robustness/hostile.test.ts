// Hostile files: each gets an answer or one clear diagnostic, and never a hang or a crash.
// (No timing assertions: the bound is that the test finishes; figures belong in the benchmark.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { buildModel } from '../../../server/src/model/build';
import { defaultSettings } from '../../../server/src/analysis/settings';
import { rangeProblems } from '../../fuzz/ranges';
import { generateRunbook } from '../../tools/generate';

const MB = 1024 * 1024;
const codes = (r: Awaited<ReturnType<typeof analyzeText>>) => r.analysis.diagnostics.map(d => d.code);
const noCrash = (text: string, r: Awaited<ReturnType<typeof analyzeText>>) => {
  assert.ok(!codes(r).includes('runbook/check-failed'), r.analysis.diagnostics.find(d => d.code === 'runbook/check-failed')?.message);
  assert.deepEqual(rangeProblems(text, r), []);
};

test('10 MB of Markdown: one "too large" diagnostic naming the setting', async () => {
  const text = generateRunbook(10 * MB, 5);
  const r = await analyzeText(text);
  assert.deepEqual(codes(r), ['runbook/too-large']);
  assert.match(r.analysis.diagnostics[0].message, /too large to analyse .*limit is 5\.0 MB.*runbook\.maxFileSizeBytes/);
  assert.equal(r.model.blocks.length, 0);
});

test('a 10 MB single line: the same diagnostic, and the limit is a setting', async () => {
  const line = 'kubectl get pods `up` '.repeat(Math.ceil(10 * MB / 22));
  assert.deepEqual(codes(await analyzeText(line)), ['runbook/too-large']);
  const small = line.slice(0, 200_000);
  assert.deepEqual(codes(await analyzeText(small, { settings: { ...defaultSettings, maxFileSizeBytes: 100_000 } })), ['runbook/too-large']);
});

test('a 1 MB single line with 170,000 inline code spans gets an answer (was quadratic)', async () => {
  const text = 'a `b` '.repeat(170_000);
  const r = await analyzeText(text);
  assert.equal(r.model.inlineCodes.length, 170_000);
  assert.equal(r.model.inlineCodes[169_999].range.start.character, 169_999 * 6 + 3);
  noCrash(text, r);
});

test('a binary file with a .md name is reported as binary, not parsed', async () => {
  let seed = 7;
  const bytes = Buffer.alloc(64 * 1024, 0);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  for (let i = 8; i < bytes.length; i++) { seed = (seed * 1103515245 + 12345) >>> 0; bytes[i] = seed >>> 24; }
  const r = await analyzeText(bytes.toString('utf8'), { uri: 'file:///repo/logo.md' });
  assert.deepEqual(codes(r), ['runbook/binary']);
  assert.match(r.analysis.diagnostics[0].message, /looks binary/);
});

test('NUL bytes past the binary sniff window are analysed like any character', async () => {
  const text = generateRunbook(20_000, 2) + '\n## Late\n\nNUL\u0000here `up\u0000` and\n\n```bash\necho \u0000 <pid>\n```\n';
  const r = await analyzeText(text);
  assert.ok(!codes(r).includes('runbook/binary'));
  // CommonMark replaces NUL with U+FFFD in parsed text; offsets must still point into the document.
  const pid = r.analysis.placeholders.find(p => p.text === '<pid>')!;
  const lines = text.split('\n');
  assert.equal(lines[pid.range.start.line].slice(pid.range.start.character, pid.range.end.character), '<pid>');
  noCrash(text, r);
});

test('invalid UTF-8 decodes to replacement characters and analyses normally', async () => {
  const bad = Buffer.concat([Buffer.from('# Broken \xff\xfe bytes\n\n```bash\necho '), Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f, 0x98]), Buffer.from(' <pod>\n```\n\n`up\xc0`\n', 'latin1')]);
  const text = new TextDecoder('utf-8').decode(bad);
  assert.ok(text.includes('\ufffd'));
  const r = await analyzeText(text);
  assert.equal(r.model.blocks.length, 1);
  assert.equal(r.model.sections.length, 1);
  noCrash(text, r);
});

for (const [name, text, line] of [
  ['5,000-deep nested list on one line', '- '.repeat(5000) + 'x\n', 0],
  ['5,000-deep nested quote', 'intro\n\n' + '>'.repeat(5000) + ' `up`\n', 2],
  ['5,000-deep ordered list', '1. '.repeat(5000) + 'x\n', 0],
  ['quotes and lists mixed 2,500 times', '> - '.repeat(2500) + '```bash\nls\n', 0],
  ['1,000 list levels by indentation', Array.from({ length: 1000 }, (_, i) => ' '.repeat(2 * i) + '- x').join('\n'), 999],
] as const) {
  test(`${name}: a "too deep" diagnostic, no stack overflow`, async () => {
    const r = await analyzeText(text);
    assert.deepEqual(codes(r), ['runbook/too-deep']);
    assert.equal(r.analysis.diagnostics[0].range.start.line, line);
    assert.match(r.analysis.diagnostics[0].message, /nest \d+ levels deep .*limit is 64/);
    // The editor builds models directly (outline, folding, lenses): that path must not throw either.
    assert.doesNotThrow(() => buildModel(text));
  });
}

test('nesting at the limit is still analysed', async () => {
  const text = Array.from({ length: 64 }, (_, i) => ' '.repeat(2 * i) + '- `up`').join('\n');
  const r = await analyzeText(text);
  assert.ok(!codes(r).includes('runbook/too-deep'));
  assert.equal(r.model.inlineCodes.length, 64);
  noCrash(text, r);
});

test('a 100,000-line code block is one block, checked to its last line', async () => {
  const text = '# Dump\n\n```bash\n' + Array.from({ length: 100_000 }, (_, i) => `echo ${i}`).join('\n') + '\nkill -9 <pid>\n```\n';
  const r = await analyzeText(text);
  assert.equal(r.model.blocks.length, 1);
  assert.equal(r.model.blocks[0].bodyLineStarts.length, 100_001);
  const pid = r.analysis.placeholders.find(p => p.text === '<pid>');
  assert.equal(pid?.range.start.line, 100_003);
  noCrash(text, r);
});

test('10,000 tiny blocks are all found and analysed', async () => {
  const text = Array.from({ length: 10_000 }, (_, i) => `Step ${i}:\n\n\`\`\`bash\necho ${i} <node>\n\`\`\`\n`).join('\n');
  const r = await analyzeText(text);
  assert.equal(r.model.blocks.length, 10_000);
  assert.equal(r.analysis.placeholders.filter(p => p.text === '<node>').length, 10_000);
  assert.equal(r.model.blocks[9_999].range.start.line, 9_999 * 6 + 2);
  noCrash(text, r);
});

// The open-document type must behave exactly as vscode-languageserver-textdocument's, which every
// LSP position in the server was written against: random edit sequences (multi-line, CRLF, lone
// CR, emoji, ranges out of bounds or reversed, full replacements) go to both, and every read is
// compared after every edit.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceDocument } from '../../../server/src/lsp/pieceDocument';

const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', '😀', '```', 'é'), { maxLength: 12 }).map(p => p.join(''));
const pos = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 14 }) });
// Edit ranges start on a line the document has (as clients send them; past the end the library
// itself leaves holes in its line table); characters may run past the line end, and ranges may be reversed.
const place = fc.record({ at: fc.double({ min: 0, max: 0.999, noNaN: true }), character: fc.integer({ min: 0, max: 14 }) });
const change = fc.record({ start: place, end: place, text, full: fc.integer({ min: 0, max: 19 }) });
type Change = { start: { at: number; character: number }; end: { at: number; character: number }; text: string; full: number };
const toEvent = (c: Change, lines: number) => c.full === 0 ? { text: c.text }
  : { range: { start: { line: Math.floor(c.start.at * lines), character: c.start.character }, end: { line: Math.floor(c.end.at * lines), character: c.end.character } }, text: c.text };

function same(a: TextDocument, b: PieceDocument, probes: { line: number; character: number }[], offsets: number[]): void {
  assert.equal(b.getText(), a.getText());
  assert.equal(b.lineCount, a.lineCount);
  assert.equal(b.version, a.version);
  for (const p of probes) assert.equal(b.offsetAt(p), a.offsetAt(p), `offsetAt ${JSON.stringify(p)}`);
  for (const o of offsets) assert.deepEqual(b.positionAt(o), a.positionAt(o), `positionAt ${o}`);
  for (const p of probes) {
    assert.deepEqual(b.getLineRange(p.line), a.getLineRange(p.line), `getLineRange ${p.line}`);
    assert.equal(b.getEOLCharacters(p.line), a.getEOLCharacters(p.line), `getEOLCharacters ${p.line}`);
  }
  for (let i = 0; i + 1 < probes.length; i += 2) {
    const r = { start: probes[i], end: probes[i + 1] };
    assert.equal(b.getText(r), a.getText(r), `getText ${JSON.stringify(r)}`);
  }
}

test('edits, positions and ranges are exactly the library document\'s', () => {
  fc.assert(fc.property(text, fc.array(change, { maxLength: 90 }), fc.array(pos, { minLength: 6, maxLength: 6 }), fc.array(fc.integer({ min: -2, max: 80 }), { maxLength: 6 }), (initial, changes, probes, offsets) => {
    const a = TextDocument.create('file:///a.md', 'markdown', 1, initial);
    const b = new PieceDocument('file:///a.md', 'markdown', 1, initial);
    same(a, b, probes, offsets);
    changes.forEach((c, i) => {
      const e = toEvent(c, a.lineCount);
      TextDocument.update(a, [e], i + 2);
      b.update([e], i + 2);
      same(a, b, probes, offsets);
    });
  }), { numRuns: 400 });
});

test('many edits between reads keep the same text (pieces are joined past their limit)', () => {
  const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} with some text`).join('\n');
  const a = TextDocument.create('file:///b.md', 'markdown', 1, lines);
  const b = new PieceDocument('file:///b.md', 'markdown', 1, lines);
  for (let i = 0; i < 300; i++) {
    const c = { range: { start: { line: (i * 37) % 2000, character: i % 9 }, end: { line: (i * 37) % 2000, character: (i % 9) + (i % 3) } }, text: i % 5 ? 'x' : 'y\nz' };
    TextDocument.update(a, [c], i + 2);
    b.update([c], i + 2);
  }
  assert.equal(b.getText(), a.getText());
  assert.equal(b.lineCount, a.lineCount);
  for (let l = 0; l < a.lineCount; l += 97) assert.equal(b.offsetAt({ line: l, character: 5 }), a.offsetAt({ line: l, character: 5 }));
});

test('an edit that joins a CR and an LF into one line break re-counts the lines', () => {
  const cases: [string, { line: number; character: number }, string][] = [
    ['a\rb\rc', { line: 1, character: 0 }, '\n'],   // LF typed after a lone CR
    ['a\nb\nc', { line: 0, character: 1 }, 'x\r'],  // CR typed before an LF
    ['a\r\r\nb', { line: 1, character: 0 }, '\nz'],
  ];
  for (const [initial, at, inserted] of cases) {
    const a = TextDocument.create('file:///c.md', 'markdown', 1, initial);
    const b = new PieceDocument('file:///c.md', 'markdown', 1, initial);
    const e = { range: { start: at, end: at }, text: inserted };
    TextDocument.update(a, [e], 2);
    b.update([e], 2);
    assert.equal(b.lineCount, a.lineCount, JSON.stringify(initial));
    for (let l = 0; l <= a.lineCount; l++) assert.equal(b.offsetAt({ line: l, character: 1 }), a.offsetAt({ line: l, character: 1 }), `${JSON.stringify(initial)} line ${l}`);
  }
});

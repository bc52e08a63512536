// Properties every shell check relies on: same-length views (so offsets need no mapping) and no
// exception on any input, however broken.
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prepareShell } from '../../../server/src/shell/prepare';
import { maskPlaceholders } from '../../../server/src/shell/placeholders';
import { dangerFindings } from '../../../server/src/commands/dangerous';
import { languageMismatchFindings } from '../../../server/src/blocks/languageMismatch';
import { jsonFindings } from '../../../server/src/blocks/jsonSyntax';
import { shellSyntaxFindings } from '../../../server/src/shell/syntaxAnalyzer';

// Shell-flavoured noise: the characters that change lexing, plus words the checks look for.
const piece = fc.constantFrom('<', '>', '<<', "'", '"', '$', '${', '}', '{', '(', ')', '$((', '))', '#', '\\', '\n', ' ', '\t',
  'EOF', 'rm -rf ', 'kill -9 ', 'sudo ', '<pid>', 'YYYYMMDD', '...', '…', 'é', '😀', '$ ', 'x', '[', ']', ':', ',', '|', ';', '&');
const shellish = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

test('prepared views and masks keep the length of the body', () => {
  fc.assert(fc.property(shellish, (body) => {
    assert.equal(prepareShell(body).text.length, body.length);
    assert.equal(maskPlaceholders(body).length, body.length);
  }), { numRuns: 500 });
});

test('checks never throw and report spans inside the body', async () => {
  await fc.assert(fc.asyncProperty(shellish, async (body) => {
    const all = [
      ...(dangerFindings(body).diagnostics ?? []),
      ...(languageMismatchFindings({ body, lang: 'shell', rawLang: 'bash', kind: 'fenced' }).diagnostics ?? []),
      ...(jsonFindings(body).diagnostics ?? []),
      ...((await shellSyntaxFindings(body)).diagnostics ?? []),
    ];
    for (const d of all) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= body.length, JSON.stringify([body, d]));
  }), { numRuns: 300 });
});

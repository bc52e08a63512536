import test from 'node:test';
import assert from 'node:assert/strict';
import { needsClosingQuote, typedWord, withEdit } from '../../../server/src/promql/completionEdit';

const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } };

test('the typed word runs back over identifier characters, `_` and `:` included', () => {
  assert.equal(typedWord('sum(accumen_'), 'accumen_');
  assert.equal(typedWord('rate(x[5'), '5');
  assert.equal(typedWord('sum('), '');
});

test('an item replaces what was typed with what it inserts, and filters on its label', () => {
  const item = withEdit({ label: 'rate', insertText: 'rate($1)', insertTextFormat: 2 }, { range });
  assert.deepEqual(item, { label: 'rate', insertTextFormat: 2, filterText: 'rate', textEdit: { range, newText: 'rate($1)' } });
  assert.equal(withEdit({ label: 'payroll' }, { range, closeQuote: true }).textEdit!.newText, 'payroll"');
});

test('a closing quote is added only when none follows on the line', () => {
  assert.equal(needsClosingQuote(''), true);
  assert.equal(needsClosingQuote('}'), true);
  assert.equal(needsClosingQuote('"}'), false);
  assert.equal(needsClosingQuote('\n"x"'), true);
});

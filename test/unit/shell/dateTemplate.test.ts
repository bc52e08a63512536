import test from 'node:test';
import assert from 'node:assert/strict';
import { fillDateTemplate } from '../../../server/src/shell/dateTemplate';

test('date templates are filled in their own shape; anything else is not a date', () => {
  const d = new Date(2026, 11, 3, 3, 0);
  assert.equal(fillDateTemplate('YYYYMMDD', d), '20261203');
  assert.equal(fillDateTemplate('YYYY-MM-DD', d), '2026-12-03');
  assert.equal(fillDateTemplate('DD.MM.YY', d), '03.12.26');
  assert.equal(fillDateTemplate('<PAYOUT_ID>', d), undefined);
  assert.equal(fillDateTemplate('YYYY', d), undefined, 'a year alone is not a day');
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { lintExpression } from '../../../server/src/promql/lint';
import { MAX_PROMQL_DEPTH, nestingDepth, parsePromql } from '../../../server/src/promql/parse';

const nested = (n: number) => `${'('.repeat(n)}up${')'.repeat(n)}`;

test('400,000 nested parentheses: one "too deep" warning, and the grammar never sees them (6.8 s of error recovery)', () => {
  const text = nested(400_000);
  const r = lintExpression(text);
  assert.deepEqual(r.problems.map((p) => [p.code, p.severity]), [['promql/too-deep', 'warning']]);
  assert.match(r.problems[0].message, /nested 400000 deep \(the limit is 256\)/);
  // Bounded work: the tree is the empty text's, not one built (or recovered) over 800 KB.
  assert.equal(parsePromql(text).length, 0);
});

test('nesting up to the limit is checked as before', () => {
  assert.deepEqual(lintExpression(nested(MAX_PROMQL_DEPTH)).problems, []);
  assert.equal(lintExpression(`${nested(MAX_PROMQL_DEPTH)} +`).problems[0].code, 'promql/syntax');
  // Brackets in strings and comments do not count.
  assert.equal(nestingDepth(`up{job="${'('.repeat(1000)}"} # ${'['.repeat(1000)}`), 1);
});

// The cheap pre-check that keeps English sentences away from the PromQL parser must never reject
// a line the parser accepts as prose PromQL, and must reject most prose lines with brackets.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cannotBeProsePromql } from '../../../server/src/promql/inlineHeuristics';
import { firstError, parsePromql } from '../../../server/src/promql/parse';

const corpus = '/work/shared/corpus';
function allMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? allMarkdown(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []);
}

const promql = [
  'sum by (job) (rate(http_requests_total[5m]))', 'sum without (instance) (up)', 'SUM BY (job) (up)',
  'rate(x[5m]) and on (job) y', 'a unless ignoring (b) c', 'x * on (a) group_left (b) y', 'x * on(a) group_left y',
  'up offset 5m', 'x > bool 1', 'x @ start()', 'x > Inf', 'x == NaN', 'x or vector(0)', 'rate(x[5m] smoothed)',
  'histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))', 'a and b or c unless d', 'count_values without (a) ("v", x)',
  'up{job="my app"} == 0', "up{job='a b'}", 'rate(x[5m]) # per second now',
];

test('every valid PromQL line passes the pre-check', () => {
  for (const line of promql) {
    assert.ok(!firstError(parsePromql(line)), `the parser accepts ${line}`);
    assert.equal(cannotBeProsePromql(line), false, line);
  }
});

test('on the field corpus, no line the pre-check rejects parses clean, and it rejects much of the prose with brackets', { skip: existsSync(corpus) ? false : 'corpus not present' }, () => {
  const lines = allMarkdown(corpus).flatMap(f => readFileSync(f, 'utf8').split('\n')).map(l => l.trim()).filter(l => /[({[]/.test(l));
  let rejected = 0;
  for (const line of lines) {
    if (!cannotBeProsePromql(line)) continue;
    rejected++;
    assert.ok(firstError(parsePromql(line)), `rejected, but parses clean: ${line}`);
  }
  assert.ok(rejected > lines.length * 0.4, `rejected ${rejected} of ${lines.length} lines with brackets`);
});

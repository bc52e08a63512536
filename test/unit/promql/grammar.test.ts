import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../../../server/src/promql/functions';

const dir = join(__dirname, '../../../syntaxes');
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

test('the PromQL grammar highlights every function in the signature table, and its regexes compile', () => {
  const g = load('promql.tmLanguage.json');
  assert.equal(g.scopeName, 'source.promql');
  const fn = new RegExp(g.repository.function.match);
  for (const f of FUNCTIONS) assert.ok(fn.test(`${f.name}(x)`), f.name);
  assert.ok(!fn.test('rate_total'), 'a metric that starts like a function is not a function');
  const agg = new RegExp(g.repository.aggregation.match);
  assert.ok(agg.test('sum by (job) (x)') && agg.test('topk(3, x)') && !agg.test('sum_total'));
  const walk = (o: unknown): void => {
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') assert.doesNotThrow(() => new RegExp(v), v);
      else walk(v);
    }
  };
  walk(g.repository);
});

test('the Markdown injection embeds source.promql in ```promql fences; the language configuration uses # comments', () => {
  const inj = load('promql.markdown.injection.tmLanguage.json');
  assert.equal(inj.injectionSelector, 'L:text.html.markdown');
  const block = inj.repository['promql-code-block'];
  assert.equal(block.patterns[0].patterns[0].include, 'source.promql');
  assert.equal(block.patterns[0].contentName, 'meta.embedded.block.promql');
  const begin = new RegExp(block.begin.replace('(?i:(promql)', '((?:[Pp][Rr][Oo][Mm][Qq][Ll])'));
  assert.ok(begin.test('```promql') && begin.test('~~~~ PromQL title') && !begin.test('```promqlx'));
  assert.equal(load('promql.language-configuration.json').comments.lineComment, '#');
});

test('labels in by/without/on/group_left lists are scoped as labels, not metrics', () => {
  const g = load('promql.tmLanguage.json');
  const expr = g.repository.expression.patterns.map((p: { include: string }) => p.include);
  assert.ok(expr.indexOf('#grouping') < expr.indexOf('#metric'));
  assert.ok(new RegExp(g.repository.grouping.begin).test('sum by (job)'));
  assert.equal(g.repository.grouping.patterns[1].name, 'entity.other.attribute-name.label.promql');
});

// Our PromQL checks against Prometheus's own parser (`promtool check rules`, one spawn for the whole
// batch). Expressions: our rule sets and fixtures, deterministic mutations of them, and the field
// corpus when present. The contract: never an error where promtool accepts. Misses (promtool
// rejects, we stay quiet) are reported; most are syntax newer than the installed promtool accepts.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lintExpression } from '../../../server/src/promql/lint';
import { promtoolVerdicts, promtoolVersion } from './differential/promtool';
import { mutate } from './differential/mutations';
import { caseSamples, fixtureSamples, FIELD_CORPUS, ruleSamples, runbookSamples, seedSamples, type Sample } from './differential/sources';

const version = promtoolVersion();

/** promtool messages for syntax that Prometheus 3 accepts but this older promtool does not. */
const NEWER_SYNTAX = [
  /unknown function with name/, /unexpected duration/, /expected duration/, /missing unit character in duration/,
  /bad number or duration syntax/, /in subquery or range, expected/, /unexpected string .* in label matching/,
  /not a valid duration string: "\d+(\.\d+)?[smhdwy]"/, /unexpected character inside braces/,
];

function ours(expr: string): { error?: string; warning?: string } {
  const { problems } = lintExpression(expr);
  const say = (p: (typeof problems)[number] | undefined) => p && `${p.code}: ${p.message}`;
  return { error: say(problems.find((x) => x.severity === 'error')), warning: say(problems.find((x) => x.severity === 'warning')) };
}

interface Row extends Sample { promtool?: string; ours?: string; warning?: string; mutation?: string }

function compare(samples: (Sample & { mutation?: string })[]): Record<"rows" | "falseErrors" | "misses" | "newer" | "warned" | "runtime", Row[]> {
  const verdicts = promtoolVerdicts(samples.map((s) => s.expr));
  const rows = samples.map((s, i) => { const o = ours(s.expr); return { ...s, promtool: verdicts[i], ours: o.error, warning: o.warning }; });
  // promtool only parses; Prometheus compiles label_replace's regex when the query runs, and an
  // invalid one fails every evaluation ("invalid regular expression in label_replace()").
  const runtime = rows.filter((r) => !r.promtool && r.ours && /In `label_replace`'s regex/.test(r.ours));
  const falseErrors = rows.filter((r) => !r.promtool && r.ours && !runtime.includes(r));
  const quiet = rows.filter((r) => r.promtool && !r.ours);
  // A warning is a deliberate "not certain": a template variable, query output pasted under a query.
  const warned = quiet.filter((r) => r.warning);
  const newer = quiet.filter((r) => !r.warning && NEWER_SYNTAX.some((re) => re.test(r.promtool!)));
  const misses = quiet.filter((r) => !r.warning && !newer.includes(r));
  return { rows, falseErrors, misses, newer, warned, runtime };
}

const show = (r: Row) => `  ${JSON.stringify(r.expr)} (${r.mutation ?? r.source})\n    promtool: ${r.promtool ?? 'ok'}\n    ours: ${r.ours ?? r.warning ?? 'ok'}`;

function summary(name: string, c: ReturnType<typeof compare>): string {
  const agree = c.rows.length - c.falseErrors.length - c.misses.length - c.newer.length - c.warned.length - c.runtime.length;
  return `${name}: ${c.rows.length} expressions, ${agree} agree, ${c.falseErrors.length} false errors, ${c.misses.length} misses, `
    + `${c.warned.length} rejected by promtool where we warn, ${c.newer.length} valid in Prometheus 3 but not in promtool ${version}, `
    + `${c.runtime.length} that parse but fail when run`;
}

const base = [...ruleSamples(), ...fixtureSamples(), ...caseSamples()];

test('differential: our rule sets, fixtures and parser edge cases agree with promtool', { skip: !version && 'promtool not installed' }, (t) => {
  assert.ok(base.length >= 100, `only ${base.length} expressions collected`);
  const c = compare(base);
  t.diagnostic(summary('rules+fixtures+cases', c));
  for (const m of c.misses) t.diagnostic(`miss:\n${show(m)}`);
  assert.deepEqual(c.falseErrors.map(show), []);
  assert.deepEqual(c.misses.map(show), []);
});

test('differential: mutations — no false errors, and the misses are known', { skip: !version && 'promtool not installed' }, (t) => {
  const mutated = mutate(ruleSamples().map((s) => s.expr)).map((m) => ({ expr: m.expr, source: 'mutation', mutation: m.mutation }));
  assert.ok(mutated.length >= 1000, `only ${mutated.length} mutations`);
  const c = compare(mutated);
  t.diagnostic(summary('mutations', c));
  for (const m of c.misses.slice(0, 15)) t.diagnostic(`miss:\n${show(m)}`);
  assert.deepEqual(c.falseErrors.map(show), []);
  assert.deepEqual(c.misses.map(show), []);
  // Every kind of certain error the issue lists is caught somewhere in the batch.
  const caught = new Set(c.rows.filter((r) => r.promtool && r.ours).map((r) => r.mutation));
  for (const kind of ['zero range', 'negative range', 'zero subquery step', 'huge range', 'huge offset', 'at +Inf', 'at NaN',
    'regex escape in double quotes', 'unknown string escape', 'lookahead in regex', 'backreference in regex', 'backwards class range',
    'stacked repeat', 'only empty-matching matcher', 'trailing comma in call', 'offset twice', 'name twice']) {
    assert.ok(caught.has(kind), `no "${kind}" mutation was caught`);
  }
  const valid = new Set(c.rows.filter((r) => !r.promtool && !r.ours).map((r) => r.mutation));
  for (const kind of ['offset on rhs operand', 'unary minus with at', 'trailing dot number', 'keyword offset as name', 'case-insensitive flag',
    'escaped regex escape', 'two names inside braces', 'at start()']) {
    assert.ok(valid.has(kind), `no "${kind}" mutation was accepted by both`);
  }
});

test('differential: field corpus expressions agree with promtool', { skip: (!version && 'promtool not installed') || (!runbookSamples(FIELD_CORPUS, 'field').length && 'field corpus not present') }, (t) => {
  const field = [...runbookSamples(FIELD_CORPUS, 'field'), ...seedSamples()];
  const mutated = mutate(field.map((s) => s.expr)).map((m) => ({ expr: m.expr, source: 'field mutation', mutation: m.mutation }));
  const c = compare([...field, ...mutated]);
  t.diagnostic(summary(`field corpus (${field.length} and ${mutated.length} mutations)`, c));
  for (const m of c.misses.slice(0, 10)) t.diagnostic(`miss:\n${show(m)}`);
  assert.deepEqual(c.falseErrors.map(show), []);
});

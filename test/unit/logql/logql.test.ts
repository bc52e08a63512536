import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logqlProblems } from '../../../server/src/logql/syntax';
import { findLogcliQueries } from '../../../server/src/logql/shellQueries';
import { analyzeText } from '../../../server/src/analysis/pipeline';

const errors = (q: string) => logqlProblems(q).filter((p) => p.severity === 'error');

test('valid LogQL passes: log queries, pipelines, metric queries, comments', () => {
  for (const q of ['{app="foo"} |= "error"', '{app="foo"} | json | level="error" | line_format "{{.msg}}"',
    'sum by (pod) (rate({namespace="prod"} |= "timeout" [5m]))', 'quantile_over_time(0.99, {app="foo"} | json | unwrap latency [5m]) by (pod)',
    '{app="foo"} |= "a" or "b" | pattern "<ip> - <_>"', '{app="foo"} | logfmt | duration > 10s and status=~"5.."',
    'topk(5, sum by (pod) (rate({app="x"}[1m]))) > 10', '{app=~".+"}', '{app!="", env="prod"}', '# errors only\n{app="foo"} |= "error"', '']) {
    assert.deepEqual(logqlProblems(q), [], q);
  }
});

test('certain errors: unquoted values, unclosed brackets and strings, a selector that matches everything', () => {
  const unquoted = errors('{app=foo}')[0];
  assert.match(unquoted.message, /must be quoted/);
  assert.deepEqual([unquoted.from, unquoted.to], [5, 8]);
  assert.deepEqual(unquoted.fixes?.[0].edits[0], { from: 5, to: 8, newText: '"foo"' });
  assert.match(errors('sum(rate({app="x"}[5m])')[0].message, /`\(` is never closed/);
  assert.match(errors('{app="x"} |= "err')[0].message, /never closed/);
  assert.match(errors('{app=~".*"}')[0].message, /does not match the empty string/);
  assert.match(errors('{app!~".+"}')[0].message, /does not match the empty string/);
  assert.ok(errors('{app="x"} | json |')[0]);
  assert.ok(errors('rate({app="x"}[5m]) @ 100')[0], 'Loki has no @ modifier');
});

test('template variables are a warning, not an error', () => {
  const [p] = logqlProblems('rate({app="x"}[$__auto])');
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /template variable/);
});

test('logcli: the query argument after the subcommand and its flags, never a variable or another subcommand', () => {
  const body = readFileSync(join(__dirname, '../../fixtures/logql/loki-runbook.md'), 'utf8').split('```bash\n')[1].split('```')[0];
  assert.deepEqual(findLogcliQueries(body).map((q) => q.text), [
    '{app="checkout"} |= "panic"', '{app="checkout"} | json | level="error" |', 'count_over_time({app="checkout"}[5m]', '{app="checkout"}']);
});

test('a runbook: logql fences and logcli lines get logql/syntax at the right document position', async () => {
  const text = readFileSync(join(__dirname, '../../fixtures/logql/loki-runbook.md'), 'utf8');
  const { analysis } = await analyzeText(text);
  const lines = text.split('\n');
  const found = analysis.diagnostics.filter((d) => d.code === 'logql/syntax')
    .map((d) => `${d.severity} ${lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)}`);
  assert.deepEqual(found, ['1 checkout', '1 (', '1 {app=~".*"}', '2 $__auto', '1 |', '1 (']);
});

test('regexes in selectors, line filters, label filters and the regexp parser are checked as RE2', () => {
  const p = errors('{app="a"} |~ "ok|(?=x)"')[0];
  assert.match(p.message, /Loki regexes \(RE2\) have no lookahead/);
  assert.deepEqual([p.from, p.to], [17, 20]);
  assert.ok(errors('{app=~"(a"}')[0]);
  assert.ok(errors('{app="a"} | json | level=~"[z-a]"')[0]);
  assert.ok(errors('{app="a"} | regexp "(?P<x>\\\\w+"')[0]);
  for (const q of ['{app="a"} |~ "(?i)error|warn"', '{app="a"} !~ `\\d{3}`', '{app="a"} | regexp `(?P<ip>\\S+) - (?P<user>\\S+)`']) {
    assert.deepEqual(logqlProblems(q), [], q);
  }
});

test('string escapes follow Go, as Loki reads them: `"\\d"` is an error with the fix in the message', () => {
  const p = errors('{app="a"} |~ "\\d+ ms"')[0];
  assert.deepEqual([p.from, p.to], [14, 16]);
  assert.match(p.message, /not a valid escape in a LogQL string.*backticks/);
  assert.deepEqual(logqlProblems('{app="a"} |~ "\\\\d+ ms" |= "say \\"hi\\""'), []);
});

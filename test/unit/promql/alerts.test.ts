import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRulesYaml } from '../../../server/src/alerts/yamlAnalyzer';
import { isPrometheusDuration } from '../../../server/src/alerts/duration';
import { defaultSettings } from '../../../server/src/analysis/settings';

const run = (body: string) => {
  const f = analyzeRulesYaml(body, defaultSettings);
  return {
    diags: f.diagnostics!.map((d) => ({ code: d.code, text: body.slice(d.span.start, d.span.end), message: d.message, fixes: d.fixes })),
    metrics: f.metrics!.map((m) => ({ name: m.name, text: body.slice(m.span.start, m.span.end) })),
  };
};

test('expr in groups/rules files, bare rule lists, block scalars and quoted strings, at exact positions', () => {
  const body = [
    'groups:', '  - name: g', '    rules:',
    '      - alert: A', '        expr: |', '          sum(rate(a_total[5m]))', '            > rat(b_total[5m])', '        for: 5m',
    '      - record: job:c:rate5m', '        expr: "rate(c_total{x=\\"y\\"})"',
    '      - alert: D', "        expr: 'd_total{k=''v''} > 1'",
  ].join('\n');
  const r = run(body);
  assert.deepEqual(r.diags.map((d) => [d.code, d.text]), [
    ['promql/unknown-function', 'rat'],
    ['promql/type', 'c_total{x=\\"y\\"}'],
  ]);
  assert.deepEqual(r.metrics.map((m) => [m.name, m.text]), [['a_total', 'a_total'], ['c_total', 'c_total'], ['d_total', 'd_total']]);
});

test('folded block scalars keep line positions', () => {
  const body = '- alert: F\n  expr: >-\n    up\n    == bogus(1)\n  for: 1m\n';
  const r = run(body);
  assert.equal(r.diags[0].code, 'promql/unknown-function');
  assert.equal(r.diags[0].text, 'bogus');
});

test('`for 5m` at the end of an expr: error on `for`, fix moves it into a for: field', () => {
  const body = '- alert: Stuck\n  expr: increase(blocks_total[5m]) == 0 for 5m\n  labels:\n    severity: critical\n';
  const r = run(body);
  assert.equal(r.diags.length, 1);
  const d = r.diags[0];
  assert.equal(d.text, 'for');
  const edits = d.fixes![0].edits as { span: { start: number; end: number }; newText: string }[];
  let fixed = body;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
  assert.equal(fixed, '- alert: Stuck\n  expr: increase(blocks_total[5m]) == 0\n  for: 5m\n  labels:\n    severity: critical\n');
  assert.deepEqual(run(fixed).diags, []);
});

test('no for-move fix when the rule already has for: the duration becomes a note instead', () => {
  const r = run('- alert: S\n  expr: x > 1 for 5m\n  for: 10m\n');
  assert.deepEqual(r.diags[0].fixes?.map((f) => f.title), ['Move `for 5m` into a comment (the alert rule\'s `for:` holds the duration)']);
});

test('rule shape: name, expr, for duration, labels/annotations maps, severity', () => {
  const body = [
    '- alert: Slow', '  expr: latency_seconds > 3', '  for: 5 minutes', '  labels: critical', '  annotations: [a]',
    '- alert: Odd', '  expr: up == 0', '  labels:', '    severity: sev1',
    '- record: bad name', '  expr: sum(up)', '  for: 5m',
    '- alert: NoExpr',
    '- alert: Both', '  record: both', '  expr: up', '  expresion: up',
  ].join('\n');
  const codes = run(body).diags.map((d) => `${d.code} ${d.text}`);
  assert.deepEqual(codes, [
    'alert/for 5 minutes', 'alert/shape critical', 'alert/shape [a]',
    'alert/severity sev1',
    'alert/name bad name', 'alert/for for',
    'alert/expr alert',
    'alert/name record', 'alert/shape expresion',
  ]);
});

test('known severities come from settings', () => {
  const body = '- alert: X\n  expr: up == 0\n  labels:\n    severity: sev1\n';
  assert.equal(analyzeRulesYaml(body, { ...defaultSettings, knownSeverities: ['sev1'] }).diagnostics!.length, 0);
});

test('YAML that is not rules is left alone', () => {
  assert.deepEqual(run('storage:\n  backend: memory\nexpr: not-a-rule\n'), { diags: [], metrics: [] });
});

test('Prometheus durations', () => {
  for (const ok of ['5m', '1h30m', '0', '90s', '1d', '500ms', '2w']) assert.ok(isPrometheusDuration(ok), ok);
  for (const bad of ['5 minutes', '', '5', 'm', '30m1h', '1.5h']) assert.ok(!isPrometheusDuration(bad), bad);
});

test('the for-move fix also works for block scalars and for expr as the last key', () => {
  const apply = (body: string) => {
    const d = analyzeRulesYaml(body).diagnostics!.find((x) => x.fixes)!;
    let fixed = body;
    for (const e of [...(d.fixes![0].edits as { span: { start: number; end: number }; newText: string }[])].sort((a, b) => b.span.start - a.span.start)) {
      fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
    }
    return fixed;
  };
  assert.equal(apply('- alert: A\n  expr: |\n    x > 1\n      for 5m\n  labels:\n    severity: page\n'), '- alert: A\n  expr: |\n    x > 1\n  for: 5m\n  labels:\n    severity: page\n');
  assert.equal(apply('- alert: B\n  labels:\n    severity: page\n  expr: x > 1 for 5m'), '- alert: B\n  labels:\n    severity: page\n  expr: x > 1\n  for: 5m');
});

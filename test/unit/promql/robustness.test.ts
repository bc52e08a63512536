import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintExpression } from '../../../server/src/promql/lint';
import { analyzePromqlBody } from '../../../server/src/promql/blockAnalyzer';
import { analyzeShellPromql } from '../../../server/src/promql/shellAnalyzer';
import { analyzeRulesYaml } from '../../../server/src/alerts/yamlAnalyzer';

const promqlish = fc.array(fc.constantFrom('rate', 'sum', 'by', '(', ')', '[', ']', '{', '}', '5m', 'x', '"a"', '=', '==', '>', ' ', '\n', '#', ',', 'for', 'and', '1', 'offset', '@', ':', '$v', "'", '\\'), { maxLength: 30 }).map((a) => a.join(''));

test('the checks never throw, and every span stays inside its text', () => {
  fc.assert(fc.property(fc.oneof(promqlish, fc.string()), (s) => {
    for (const p of lintExpression(s).problems) assert.ok(p.from >= 0 && p.from <= p.to && p.to <= s.length, JSON.stringify([s, p]));
    for (const f of [analyzePromqlBody(s), analyzeShellPromql(`prometheus_query '${s}'`), analyzeShellPromql(`prometheus_query "${s}"`)]) {
      for (const d of f.diagnostics ?? []) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end);
    }
    const yaml = `- alert: A\n  expr: ${JSON.stringify(s)}\n`;
    for (const d of analyzeRulesYaml(yaml).diagnostics ?? []) assert.ok(d.span.end <= yaml.length, JSON.stringify([yaml, d]));
  }), { numRuns: 400 });
});

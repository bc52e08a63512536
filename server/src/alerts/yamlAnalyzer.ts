// YAML blocks holding Prometheus rules: rule shape, and each `expr:` checked as PromQL at its
// exact position (block scalars and quoted strings included).
import { isScalar, type Scalar } from 'yaml';
import type { BlockAnalyzer, BlockFindings, LocalDiagnostic } from '../analysis/types';
import type { Settings } from '../analysis/settings';
import { defaultSettings } from '../analysis/settings';
import { expressionFindings } from '../promql/findings';
import type { MappedText } from '../promql/mappedText';
import { findRules, type RuleNode } from './rules';
import { ruleShapeProblems } from './ruleShape';
import { scalarText } from './scalarText';
import { isPrometheusDuration } from './duration';

const TRAILING_FOR = /\s+for\s+(\S+)\s*$/;

/** `expr: x > 1 for 5m` → move `for 5m` into a `for:` field (only when the rule has none). */
function moveForFix(rule: RuleNode, expr: MappedText, body: string, d: LocalDiagnostic): void {
  const m = TRAILING_FOR.exec(expr.text);
  if (!m || rule.get('for') || !isPrometheusDuration(m[1]) || d.code !== 'promql/syntax' || !/`for`/.test(d.message)) return;
  const key = rule.get('expr')!.key as Scalar;
  const keyStart = key.range![0];
  const indent = keyStart - (body.lastIndexOf('\n', keyStart - 1) + 1);
  const valueEnd = (rule.get('expr')!.value as Scalar).range![1];
  const lineEnd = body.indexOf('\n', Math.max(valueEnd - 1, 0));
  const insertAt = lineEnd < 0 ? body.length : lineEnd;
  d.fixes = [{
    title: `Move \`for ${m[1]}\` into the rule's \`for:\` field`,
    isPreferred: true,
    edits: [
      { span: expr.span(m.index, expr.text.trimEnd().length), newText: '' },
      { span: { start: insertAt, end: insertAt }, newText: `\n${' '.repeat(indent)}for: ${m[1]}` },
    ],
  }];
}

export function analyzeRulesYaml(body: string, settings: Settings = defaultSettings): BlockFindings {
  const out: Required<Pick<BlockFindings, 'diagnostics' | 'metrics'>> = { diagnostics: [], metrics: [] };
  if (!/\b(expr|alert|record)\s*:/.test(body)) return out;
  for (const rule of findRules(body)) {
    out.diagnostics.push(...ruleShapeProblems(rule, settings));
    const value = rule.get('expr')?.value;
    if (!isScalar(value)) continue;
    const expr = typeof value.value === 'number' ? undefined : scalarText(value, body);
    if (!expr) continue;
    const f = expressionFindings(expr, { source: 'yaml-expr', confidence: 1, context: 'rule' });
    for (const d of f.diagnostics) moveForFix(rule, expr, body, d);
    out.diagnostics.push(...f.diagnostics);
    out.metrics.push(...f.metrics);
  }
  return out;
}

export const alertRulesAnalyzer: BlockAnalyzer = {
  id: 'alert-rules',
  appliesTo: (block) => block.lang === 'yaml',
  analyze: (block, settings) => analyzeRulesYaml(block.body, settings),
};

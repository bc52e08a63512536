// Alert-rule shape checks: what Prometheus would refuse when loading the rule file, plus a
// warning for severities nobody routes on.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { LocalDiagnostic } from '../analysis/types';
import type { Settings } from '../analysis/settings';
import type { RuleNode } from './rules';
import { isPrometheusDuration } from './duration';

const KNOWN_KEYS = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const RULES_DOCS = 'https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/';

function spanOf(n: unknown): { start: number; end: number } {
  const r = (n as Node | undefined)?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

function diag(n: unknown, code: string, message: string, severity: DiagnosticSeverity = DiagnosticSeverity.Error): LocalDiagnostic {
  return { span: spanOf(n), severity, code, message, codeDescriptionHref: RULES_DOCS };
}

export function ruleShapeProblems(rule: RuleNode, settings: Settings): LocalDiagnostic[] {
  const out: LocalDiagnostic[] = [];
  const alert = rule.get('alert');
  const record = rule.get('record');
  const firstKey = rule.map.items[0]?.key;
  if (!alert && !record) out.push(diag(firstKey, 'alert/name', 'This rule needs `alert:` (an alerting rule) or `record:` (a recording rule).'));
  if (alert && record) out.push(diag(record.key, 'alert/name', 'A rule has either `alert:` or `record:`, not both.'));
  for (const p of [alert, record]) {
    if (p && (!isScalar(p.value) || String(p.value.value ?? '').trim() === '')) out.push(diag(p.key, 'alert/name', `\`${String((p.key as { value: unknown }).value)}:\` needs a name.`));
  }
  if (record && isScalar(record.value) && typeof record.value.value === 'string' && !/^[A-Za-z_:][\w:]*$/.test(record.value.value)) {
    out.push(diag(record.value, 'alert/name', `\`${record.value.value}\` is not a valid metric name for \`record:\` (letters, digits, \`_\` and \`:\`).`));
  }
  const expr = rule.get('expr');
  if (!expr) out.push(diag(firstKey, 'alert/expr', 'This rule has no `expr:`.'));
  else if (!isScalar(expr.value) || typeof expr.value.value !== 'string' || expr.value.value.trim() === '') {
    if (!(isScalar(expr.value) && typeof expr.value.value === 'number')) out.push(diag(expr.value ?? expr.key, 'alert/expr', '`expr:` must be a PromQL expression (a string).'));
  }
  for (const key of ['for', 'keep_firing_for']) {
    const p = rule.get(key);
    if (!p) continue;
    if (record) out.push(diag(p.key, 'alert/for', `Recording rules do not take \`${key}:\`.`));
    const v = isScalar(p.value) ? String(p.value.value ?? '') : '';
    if (!isPrometheusDuration(v)) out.push(diag(p.value ?? p.key, 'alert/for', `\`${key}:\` must be a duration such as \`5m\` or \`1h30m\`, not \`${v}\`.`));
  }
  for (const key of ['labels', 'annotations']) {
    const p = rule.get(key);
    if (!p || p.value === null) continue;
    if (!isMap(p.value)) out.push(diag(p.value, 'alert/shape', `\`${key}:\` must be a map of names to values.`));
    else if (key === 'labels') out.push(...severityProblems(p, settings));
  }
  for (const p of rule.map.items) {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    if (k && !KNOWN_KEYS.has(k)) out.push(diag(p.key, 'alert/shape', `Prometheus does not know the rule field \`${k}:\`.`, DiagnosticSeverity.Warning));
  }
  return out;
}

function severityProblems(labels: Pair, settings: Settings): LocalDiagnostic[] {
  if (!isMap(labels.value)) return [];
  const sev = labels.value.items.find((p) => isScalar(p.key) && p.key.value === 'severity');
  if (!sev || !isScalar(sev.value)) return [];
  const v = String(sev.value.value ?? '');
  if (v.includes('{{') || settings.knownSeverities.includes(v.toLowerCase())) return [];
  return [diag(sev.value, 'alert/severity', `Unknown severity \`${v}\`; expected one of: ${settings.knownSeverities.join(', ')}.`, DiagnosticSeverity.Warning)];
}

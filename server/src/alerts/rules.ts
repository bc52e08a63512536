// Finding Prometheus alerting and recording rules in a YAML block: a `groups:`/`rules:` file, a
// PrometheusRule resource, or a bare list of rules as runbooks often show them.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Pair, type YAMLMap } from 'yaml';

export interface RuleNode {
  map: YAMLMap;
  get(key: string): Pair | undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

export function findRules(body: string): RuleNode[] {
  const rules: RuleNode[] = [];
  for (const doc of parseAllDocuments(body)) {
    visit(doc, {
      Map(_key, map, path) {
        const parent = path[path.length - 1];
        const holder = path[path.length - 2];
        const inRulesList = isSeq(parent) && isPair(holder) && isScalar(holder.key) && holder.key.value === 'rules';
        const has = (k: string) => !!pairOf(map, k);
        const named = has('alert') || has('record');
        // In a bare list of rules, an item with `alert:` but no `expr:` is a broken rule, not something else.
        const besideRules = isSeq(parent) && parent.items.some((it) => isMap(it) && !!pairOf(it, 'expr') && (!!pairOf(it, 'alert') || !!pairOf(it, 'record')));
        if ((named && (has('expr') || inRulesList || besideRules)) || (has('expr') && inRulesList)) {
          rules.push({ map, get: (k) => pairOf(map, k) });
          return visit.SKIP;
        }
        return undefined;
      },
    });
  }
  return rules;
}


// Every symptom of a check in one Prometheus request, evaluated at one instant: each condition is
// tagged with its position (`label_replace(…, "runbook_symptom", "7", "", "")`) and the tagged
// results are joined with `or`, which keeps them all since their tags differ. One round trip
// instead of one per symptom (50 symptoms in the time of one query), and a consistent snapshot.
// A batch Prometheus refuses (one condition is a scalar, a range, or fails to execute) says
// nothing about the others: the caller then asks each condition on its own.
import type { QueryData, VectorSample } from '../prometheus/types';
import { conditionOf, type ConditionResult } from '../conditions/evaluate';

export const TAG = 'runbook_symptom';

export function batchQuery(exprs: readonly string[]): string {
  return exprs.map((e, i) => `label_replace((${e}), "${TAG}", "${i}", "", "")`).join(' or ');
}

/** The batch's answer split back per condition, the tag removed; undefined if it is not a tagged vector. */
export function splitBatch(data: QueryData, count: number): ConditionResult[] | undefined {
  if (data.resultType !== 'vector') return undefined;
  const per: VectorSample[][] = Array.from({ length: count }, () => []);
  for (const s of data.result) {
    const i = Number(s.metric[TAG]);
    if (!Number.isInteger(i) || i < 0 || i >= count) return undefined;
    const { [TAG]: _tag, ...metric } = s.metric;
    per[i].push({ metric, value: s.value });
  }
  return per.map(result => conditionOf({ resultType: 'vector', result }));
}

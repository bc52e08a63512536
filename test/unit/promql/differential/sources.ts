// Where the differential test's expressions come from: our own rule sets and fixture runbooks
// (committed), and, when present on this machine, the field corpus (read in place, never copied).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildModel } from '../../../../server/src/model/build';
import { blockExpressions } from '../../../../server/src/promql/places';

export interface Sample { expr: string; source: string }

const FIXTURES = join(__dirname, '../../../fixtures');
export const FIELD_CORPUS = '/work/shared/corpus/field';

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.md')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

/** Every `expr:` of the committed Prometheus-style rule files. */
export function ruleSamples(): Sample[] {
  const dir = join(FIXTURES, 'promql/rules');
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().flatMap((f) => {
    const doc = parse(readFileSync(join(dir, f), 'utf8')) as { groups: { rules: { expr: string }[] }[] };
    return doc.groups.flatMap((g) => g.rules.map((r) => ({ expr: String(r.expr), source: `rules/${f}` })));
  });
}

/** The PromQL our analysis finds in runbooks under `dir` (fences, rule `expr:`, shell queries). */
export function runbookSamples(dir: string, label: string): Sample[] {
  if (!existsSync(dir)) return [];
  const out: Sample[] = [];
  for (const file of markdownFiles(dir)) {
    const model = buildModel(readFileSync(file, 'utf8'));
    for (const block of model.blocks) {
      for (const { expr } of blockExpressions(block)) {
        if (expr.text.trim()) out.push({ expr: expr.text, source: `${label}:${file.slice(dir.length + 1)}` });
      }
    }
  }
  return out;
}

export function fixtureSamples(): Sample[] {
  return runbookSamples(FIXTURES, 'fixtures');
}

/** The edge cases of test/fixtures/promql/parser-cases.txt, one expression a line. */
export function caseSamples(): Sample[] {
  return readFileSync(join(FIXTURES, 'promql/parser-cases.txt'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('## ')).map((expr) => ({ expr, source: 'parser-cases.txt' }));
}

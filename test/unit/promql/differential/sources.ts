// Where the differential test's expressions come from: our own rule sets and fixture runbooks
// (committed), and, when present on this machine, the field corpus (read in place, never copied).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildModel } from '../../../../server/src/model/build';
import { blockExpressions } from '../../../../server/src/promql/places';
import { splitStatements } from '../../../../server/src/promql/split';
import { prepareShell } from '../../../../server/src/shell/prepare';

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

function fileSamples(file: string, source: string): Sample[] {
  const model = buildModel(readFileSync(file, 'utf8'));
  return model.blocks.flatMap((block) => {
    const exprs = blockExpressions(block).map(({ expr }) => expr.text);
    // PromQL pasted under a shell tag is checked as PromQL too (blocks/promqlUnderShell).
    if (block.lang === 'shell' && prepareShell(block.body).foreign?.kind === 'promql') exprs.push(...splitStatements(block.body).map((st) => st.text));
    return exprs.filter((e) => e.trim()).map((expr) => ({ expr, source }));
  });
}

/** The PromQL our analysis finds in runbooks under `dir` (fences, rule `expr:`, shell queries). */
export function runbookSamples(dir: string, label: string): Sample[] {
  if (!existsSync(dir)) return [];
  return markdownFiles(dir).flatMap((file) => fileSamples(file, `${label}:${file.slice(dir.length + 1)}`));
}

export function fixtureSamples(): Sample[] {
  return [...runbookSamples(FIXTURES, 'fixtures'), ...runbookSamples(join(__dirname, '../../../../runbooks'), 'runbooks')];
}

/** The seed runbooks beside the field corpus (`../shared/corpus/*.md`), read in place. */
export function seedSamples(): Sample[] {
  const dir = join(FIELD_CORPUS, '..');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().flatMap((f) => fileSamples(join(dir, f), `seed:${f}`));
}

/** The edge cases of test/fixtures/promql/parser-cases.txt, one expression a line. */
export function caseSamples(): Sample[] {
  return readFileSync(join(FIXTURES, 'promql/parser-cases.txt'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('## ')).map((expr) => ({ expr, source: 'parser-cases.txt' }));
}

// `runbook check` over the field corpus (515 real runbooks), next to the same check as it was
// before the accuracy work of issue 13 (commit below): telling content apart, elisions and
// fragments, the cascade guard must not make the check slower. Both are the bundled CLI, built in
// this run from their own sources, as separate processes on the same files.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldCorpus } from '../test/tools/fieldExpectations';
import { median, type Plan } from './stats';

const root = join(__dirname, '..');
/** The last commit before issue 13 changed what the check does. */
export const baselineCommit = '953d176';

export type FieldCheckFigures = { files: number; oursMs: number; baselineMs: number } | { skipped: string };

function build(dir: string): boolean {
  const r = spawnSync(process.execPath, [join(dir, 'scripts/build.mjs'), 'cli', 'parseWorker'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 && existsSync(join(dir, 'dist/cli.js'));
}

function checkOnce(dir: string, paths: string[]): void {
  // Ours would serve every run after the first from its result cache; the baseline has none.
  const noCache = dir === root ? ['--no-cache'] : [];
  // Exit 1 means "errors found", which is a normal result here.
  const r = spawnSync(process.execPath, [join(dir, 'dist/cli.js'), 'check', ...noCache, ...paths], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`check in ${dir} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
}

/** `tiny`: a handful of files, for the smoke test that keeps the benchmark from rotting. */
export function fieldCheckFigures(plan: Plan, tiny: boolean): FieldCheckFigures {
  const corpus = fieldCorpus();
  if (!corpus) return { skipped: 'no field corpus (../shared/corpus/field or $RUNBOOK_FIELD_CORPUS)' };
  const paths = tiny ? readdirSync(join(corpus, 'prometheus-operator__runbooks/content/runbooks/alertmanager')).slice(0, 5).map((f) => join(corpus, 'prometheus-operator__runbooks/content/runbooks/alertmanager', f)) : [corpus];
  const files = tiny ? paths.length : execFileSync('find', [corpus, '-name', '*.md']).toString().trim().split('\n').length;
  const base = mkdtempSync(join(tmpdir(), 'runbook-bench-baseline-'));
  try {
    const archive = spawnSync('sh', ['-c', `git -C "${root}" archive ${baselineCommit} | tar -x -C "${base}"`], { encoding: 'utf8' });
    if (archive.status !== 0) return { skipped: `baseline commit ${baselineCommit} not available: ${archive.stderr.trim().slice(0, 120)}` };
    symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'));
    if (!build(base)) return { skipped: 'the baseline did not build' };
    if (!build(root)) return { skipped: 'our CLI did not build' };
    // Interleaved runs, so that a noisy minute on the shared machine hits both alike.
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < plan.warmup + plan.runs; i++) {
      for (const [dir, times] of [[root, ours], [base, baseline]] as const) {
        const t = performance.now();
        checkOnce(dir, paths);
        if (i >= plan.warmup) times.push(performance.now() - t);
      }
    }
    return { files, oursMs: median(ours), baselineMs: median(baseline) };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

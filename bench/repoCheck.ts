// `runbook check` over a repository (issue 17): the 515 field runbooks checked by the bundled CLI
// as CI or a pre-commit hook runs it. Cold: an empty result cache, all cores (the default
// --jobs). Warm: the cache filled by the previous run and one file changed since. The peer is our
// own single-thread, uncached run of the same files (--jobs 1 --no-cache), measured in the same
// run and interleaved with the cold runs, so the ratio shows what the pool and the batching buy.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldCorpus } from '../test/tools/fieldExpectations';
import { median, type Plan } from './stats';

const root = join(__dirname, '..');

export type RepoCheckFigures = { files: number; jobs: number; coldMs: number; warmMs: number; singleMs: number; warmFromCache: number } | { skipped: string };

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && /\.(md|markdown)$/i.test(e.name)).map(e => join(e.parentPath, e.name)).sort();
}

function checkOnce(cacheDir: string, args: string[]): { ms: number; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, RUNBOOK_CACHE_DIR: cacheDir } });
  const ms = performance.now() - t;
  // Exit 1 means "errors found", which is a normal result here.
  if (r.status !== 0 && r.status !== 1) throw new Error(`runbook check exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  return { ms, stderr: r.stderr };
}

/** `tiny`: one folder of the corpus, for the smoke test. */
export function repoCheckFigures(plan: Plan, tiny: boolean): RepoCheckFigures {
  const corpus = fieldCorpus();
  if (!corpus) return { skipped: 'no field corpus (../shared/corpus/field or $RUNBOOK_FIELD_CORPUS)' };
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'cli', 'parseWorker', 'checkWorker'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) return { skipped: `the CLI did not build: ${build.stderr.slice(0, 200)}` };
  const work = mkdtempSync(join(tmpdir(), 'runbook-bench-repo-'));
  try {
    // A copy, so that one file can be changed between warm runs.
    const repo = join(work, 'repo');
    cpSync(tiny ? join(corpus, 'prometheus-operator__runbooks/content/runbooks/alertmanager') : corpus, repo, { recursive: true });
    const files = markdownFiles(repo);
    if (!files.length) return { skipped: 'no runbooks in the corpus copy' };
    const cold: number[] = [];
    const single: number[] = [];
    const warm: number[] = [];
    let warmFromCache = 0;
    for (let i = 0; i < plan.warmup + plan.runs; i++) {
      const cacheDir = join(work, `cache-${i}`);
      const c = checkOnce(cacheDir, [repo]);
      const s = checkOnce(cacheDir, ['--jobs', '1', '--no-cache', repo]);
      // One file changed since the cold run filled the cache: a typical pre-commit re-run.
      appendFileSync(files[(i * 7) % files.length], `\nEdited for warm run ${i}.\n`);
      const w = checkOnce(cacheDir, [repo]);
      warmFromCache = Number(/\((\d+) unchanged/.exec(w.stderr)?.[1] ?? 0);
      rmSync(cacheDir, { recursive: true, force: true });
      if (i < plan.warmup) continue;
      cold.push(c.ms); single.push(s.ms); warm.push(w.ms);
    }
    return { files: files.length, jobs: availableParallelism(), coldMs: median(cold), warmMs: median(warm), singleMs: median(single), warmFromCache };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

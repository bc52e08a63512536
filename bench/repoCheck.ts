// `runbook check` over a repository (issue 17): the 515 field runbooks checked by the bundled CLI
// as CI or a pre-commit hook runs it. Cold: an empty result cache, all cores (the default
// --jobs). Warm: the cache filled by the previous run and one file changed since. The peer is our
// own single-thread, uncached run of the same files (--jobs 1 --no-cache), measured in the same
// run and interleaved with the cold runs, so the ratio shows what the pool and the batching buy.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldCorpus } from '../test/tools/fieldExpectations';
import { median, type Plan } from './stats';

const root = join(__dirname, '..');

export type RepoCheckFigures = { files: number; jobs: number; coldMs: number; warmMs: number; singleMs: number; coldCpuMs: number; warmCpuMs: number; singleCpuMs: number; warmFromCache: number } | { skipped: string };

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && /\.(md|markdown)$/i.test(e.name)).map(e => join(e.parentPath, e.name)).sort();
}

/**
 * One CLI run: wall time, and CPU time (user + system of the CLI, its worker threads and the
 * ShellCheck processes it waited for, from bash's `time`). On a shared machine the wall time
 * shows the share of the cores the run got; CPU / cores is what two idle cores would need.
 */
function checkOnce(cacheDir: string, args: string[]): { ms: number; cpuMs: number; stderr: string } {
  const errFile = join(cacheDir, '..', `stderr-${process.pid}.txt`);
  const t = performance.now();
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S"; { time "$0" "$@" >/dev/null 2>"$RUNBOOK_BENCH_ERR"; } 2>&1; exit 0', process.execPath, join(root, 'dist/cli.js'), 'check', ...args],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, RUNBOOK_CACHE_DIR: cacheDir, RUNBOOK_BENCH_ERR: errFile } });
  const ms = performance.now() - t;
  const stderr = readFileSync(errFile, 'utf8');
  const [user, sys] = r.stdout.trim().split(/\s+/).map(Number);
  if (!(user >= 0) || !/file\(s\) checked/.test(stderr)) throw new Error(`runbook check failed: ${stderr.slice(0, 300)}`);
  return { ms, cpuMs: (user + sys) * 1000, stderr };
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
    const cold: number[] = [], single: number[] = [], warm: number[] = [];
    const coldCpu: number[] = [], singleCpu: number[] = [], warmCpu: number[] = [];
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
      coldCpu.push(c.cpuMs); singleCpu.push(s.cpuMs); warmCpu.push(w.cpuMs);
    }
    return { files: files.length, jobs: availableParallelism(), coldMs: median(cold), warmMs: median(warm), singleMs: median(single),
      coldCpuMs: median(coldCpu), warmCpuMs: median(warmCpu), singleCpuMs: median(singleCpu), warmFromCache };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

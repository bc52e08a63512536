// Keeping run records out of Git: the entry goes in the `.gitignore` of the repository root (the
// folder that holds `.git`), even when the records folder is deep below it or the editor opened a
// subfolder. Git itself says whether the folder is already ignored (any .gitignore, any depth).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface IgnorePlan {
  /** The repository root's .gitignore (created when missing). */
  ignoreFile: string;
  /** The line to add: the records folder, anchored at the root. */
  line: string;
  /** The records folder relative to the root, for the message. */
  dir: string;
}

/** What to add so `recordsDir` is ignored, or undefined (not in a repository, or ignored already). */
export async function ignorePlan(recordsDir: string): Promise<IgnorePlan | undefined> {
  const root = repositoryRoot(recordsDir);
  if (!root) return undefined;
  const dir = relative(root, recordsDir).split(sep).join('/');
  if (!dir || dir.startsWith('..')) return undefined;
  if (await ignoredByGit(root, dir)) return undefined;
  return { ignoreFile: join(root, '.gitignore'), line: `/${dir}/`, dir };
}

export async function addIgnore(plan: IgnorePlan): Promise<void> {
  const current = await readFile(plan.ignoreFile, 'utf8').catch(() => '');
  const sepLine = current && !current.endsWith('\n') ? '\n' : '';
  await appendFile(plan.ignoreFile, `${sepLine}# Runbook run records (may hold production output)\n${plan.line}\n`);
}

/** The nearest folder at or above `from` holding `.git` (a folder, or a file in a worktree). */
export function repositoryRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `git check-ignore`, which knows every .gitignore and pattern form; without git, a line check. */
function ignoredByGit(root: string, dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    // The folder may not exist yet; a path inside it is checked the same way.
    execFile('git', ['check-ignore', '-q', '--no-index', `${dir}/x.jsonl`], { cwd: root, timeout: 3000 }, async (err) => {
      if (!err) return resolve(true);
      if ((err as { code?: unknown }).code === 1) return resolve(false);
      const text = await readFile(join(root, '.gitignore'), 'utf8').catch(() => '');
      const lines = text.split(/\r?\n/).map((l) => l.trim().replace(/^\/|\/$/g, ''));
      resolve(lines.some((l) => l === dir || dir.startsWith(`${l}/`)));
    });
  });
}

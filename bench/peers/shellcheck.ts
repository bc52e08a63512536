// Peer for shell diagnostics: the shellcheck CLI on the same blocks, batched into one file (its
// best case: one process). A keystroke re-runs it on that file, as editor linters do.
import { spawn } from 'node:child_process';
import { measure, type Plan } from '../stats';
import type { BenchFile } from '../corpus';
import type { PeerFigures } from './markdownLs';

export const SHELLCHECK_ARGS = ['--shell=bash', '--format=json1', '--exclude=SC2148,SC2154,SC2034,SC1091'];

function run(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('shellcheck', [...SHELLCHECK_ARGS, '-'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const t = setTimeout(() => { p.kill(); reject(new Error('shellcheck timed out')); }, 120_000);
    p.stdout.resume();
    p.on('error', e => { clearTimeout(t); reject(e); });
    p.on('close', () => { clearTimeout(t); resolve(); });
    p.stdin.end(text);
  });
}

export async function shellcheckFigures(f: BenchFile, plan: Plan): Promise<PeerFigures> {
  const cold = await measure(plan, () => run(f.shell.text));
  const lines = f.shell.text.split('\n');
  let i = 0;
  const keystroke = await measure(plan, () => {
    const l = f.shell.edit.line;
    lines[l] = lines[l].slice(0, f.shell.edit.character + i) + 'x' + lines[l].slice(f.shell.edit.character + i);
    i++;
    return run(lines.join('\n'));
  });
  return { cold, keystroke };
}

export async function shellcheckAvailable(): Promise<boolean> {
  try { await run('true\n'); return true; } catch { return false; }
}

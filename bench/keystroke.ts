// Keystroke re-check over real stdio: didChange of one character inside a shell block in the
// middle of the file, until the server publishes diagnostics for that version. Each keystroke
// types a new character, so the changed block is never a cache hit.
import type { LspSession } from './lspSession';
import { median, warmingUp, type Plan } from './stats';
import type { Position } from '../server/src/model/types';

export interface KeystrokeTarget { uri: string; text: string; languageId: string; edit: Position }

export interface KeystrokeFigures {
  /** didOpen → first diagnostics (the cold path as an editor sees it). */
  open: number;
  /** didChange → first diagnostics for the new version. */
  first: number;
  /** didChange → the last diagnostics for the new version (ours: after the ShellCheck pass). */
  last?: number;
  /** The very first keystroke after open (a fresh server: JIT-cold code, caches just filled). */
  firstEdit: number;
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `passes` is how many publishDiagnostics a version gets (ours: 2, syntax then ShellCheck; bash-ls: 1).
 * Each run waits for every pass of the previous keystroke, so keystrokes never queue up.
 */
export async function keystrokeFigures(s: LspSession, t: KeystrokeTarget, plan: Plan, passes: number): Promise<KeystrokeFigures> {
  let t0 = performance.now();
  const opened = waitPasses(s, t.uri, 1, passes);
  await s.open(t.uri, t.text, t.languageId);
  const openTimes = await opened;
  const open = openTimes[0] - t0;
  const first: number[] = [];
  const last: number[] = [];
  let firstEdit = NaN;
  let spent = 0;
  for (let i = 0; first.length < plan.runs; i++) {
    const version = i + 2;
    const at = { line: t.edit.line, character: t.edit.character + i };
    const done = waitPasses(s, t.uri, version, passes);
    t0 = performance.now();
    await s.change(t.uri, version, [{ range: { start: at, end: at }, text: letters[i % letters.length] }]);
    const times = await done;
    if (i === 0) firstEdit = times[0] - t0;
    if (warmingUp(plan, i, spent)) spent += times[times.length - 1] - t0;
    else { first.push(times[0] - t0); last.push(times[times.length - 1] - t0); }
  }
  await s.close(t.uri);
  return { open, first: median(first), firstEdit, ...(passes > 1 ? { last: median(last) } : {}) };
}

/** Arrival times of `passes` publications for `version` (a server without versions: any). */
async function waitPasses(s: LspSession, uri: string, version: number, passes: number): Promise<number[]> {
  const times: number[] = [];
  for (let p = 0; p < passes; p++) {
    await s.diagnostics(uri, d => d.version === undefined || d.version === version);
    times.push(performance.now());
  }
  return times;
}

// Run records, the incident timeline: one JSON line per run in `<dir>/<YYYY-MM-DD>.jsonl` (UTC
// date), readable only by the user (0600) because outputs can hold sensitive data even after
// secret values are masked. A record that cannot be written is reported, never thrown.
import { constants } from 'node:fs';
import { chmod, lstat, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { redact } from './redact';
import { stripAnsi } from './ansi';
import type { ExpectedMatch } from './expected';
import type { BlockStatus, CommandFailure } from './session';
import type { Operator } from './operator';
import type { VerificationOutcome } from '../verify/poll';
import type { EventRecord } from './recordKinds';

export const DEFAULT_RECORDS_DIR = '.runbook/runs';

export interface RunRecord {
  time: string;
  runbook: string;
  section: string[];
  /** The block's index among all fences of the file (0-based). */
  block: number;
  /** The step number shown in the editor and taken by `runbook run --block` (1-based). */
  step?: number;
  environment: string;
  /** The host it ran on, for ssh targets and each host of a fleet (`user@host:port`). */
  host?: string;
  kind: 'shell' | 'promql';
  command: string;
  status: BlockStatus | 'error';
  exitCode: number;
  durationMs: number;
  output: string;
  outputTruncated: boolean;
  outputChars: number;
  expected?: ExpectedMatch;
  note?: string;
  /** The first command that failed, when the step went on after it (or stopped there, strict). */
  failure?: CommandFailure;
  /** Who ran it. */
  ranBy?: Operator;
  /** A verification or precondition step: whether it held, and which condition did not, with its last value. */
  verification?: VerificationOutcome;
}

export type AppendResult = { ok: true; file: string } | { ok: false; error: string };

export class RunRecorder {
  constructor(readonly dir: string, private readonly maxOutputChars = 64 * 1024) {}

  fileFor(time: Date): string {
    return join(this.dir, `${time.toISOString().slice(0, 10)}.jsonl`);
  }

  /** Appends a record (secret values masked, output capped) and reports where, or why not. */
  async append(rec: RunRecord, secretValues: readonly string[] = []): Promise<AppendResult> {
    const file = this.fileFor(new Date(rec.time));
    // Records are read as text (and grepped): colour and cursor escapes are noise there.
    const out = capOutput(redact(stripAnsi(rec.output), secretValues), this.maxOutputChars);
    const line = JSON.stringify({
      ...rec,
      section: rec.section.map(headingText),
      command: redact(rec.command, secretValues),
      output: out.text,
      outputTruncated: rec.outputTruncated || out.truncated,
      ...(rec.verification ? { verification: { ...rec.verification, condition: rec.verification.condition && redact(rec.verification.condition, secretValues), lastValue: rec.verification.lastValue && redact(rec.verification.lastValue, secretValues) } } : {}),
    }) + '\n';
    return this.write(file, line);
  }

  /** Appends a timeline event (recordKinds.ts), every string in it with secret values masked. */
  appendEvent(rec: EventRecord, secretValues: readonly string[] = []): Promise<AppendResult> {
    const masked = JSON.parse(JSON.stringify(rec), (_k, v: unknown) => (typeof v === 'string' ? redact(stripAnsi(v), secretValues) : v)) as EventRecord;
    if (masked.section) masked.section = masked.section.map(headingText);
    return this.write(this.fileFor(new Date(rec.time)), JSON.stringify(masked) + '\n');
  }

  private async write(file: string, line: string): Promise<AppendResult> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const refused = await unsafeFolder(this.dir);
      if (refused) return { ok: false, error: `The run record was not saved in ${this.dir}: ${refused}. Change the run records folder setting or fix the folder.` };
      // A repository can commit `runs/<date>.jsonl -> ~/.bashrc`: never follow a link at the file.
      const fh = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
      try {
        const st = await fh.stat();
        if (!st.isFile() || (process.getuid && st.uid !== process.getuid())) {
          return { ok: false, error: `The run record was not saved in ${this.dir}: ${file} is not a regular file of yours.` };
        }
        await fh.chmod(0o600);
        await fh.write(line);
      } finally { await fh.close(); }
      return { ok: true, file };
    } catch (e) {
      return { ok: false, error: recordError(e as NodeJS.ErrnoException, this.dir) };
    }
  }
}

/**
 * Why the records folder must not be written to, if so: a link (the repository would choose where
 * records go) or a folder of another user. Ours is narrowed to 0700 (outputs can be sensitive).
 */
async function unsafeFolder(dir: string): Promise<string | undefined> {
  const st = await lstat(dir);
  if (st.isSymbolicLink()) return 'the folder is a symbolic link';
  if (!st.isDirectory()) return 'it is not a folder';
  if (process.getuid && st.uid !== process.getuid()) return 'the folder belongs to another user';
  if ((st.mode & 0o077) !== 0) await chmod(dir, 0o700);
  return undefined;
}

/** A heading as one plain line: a setext heading's line breaks or a terminal escape cannot forge lines in the history view. */
export function headingText(text: string): string {
  return stripAnsi(text).replace(/[\r\n\t\v\f]+/g, ' ').replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '').trim();
}

function capOutput(text: string, limit: number): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const half = Math.floor(limit / 2);
  return { text: `${text.slice(0, half)}\n… [${text.length - 2 * half} characters truncated] …\n${text.slice(-half)}`, truncated: true };
}

function recordError(e: NodeJS.ErrnoException, dir: string): string {
  const why: Record<string, string> = {
    EROFS: 'the file system is read-only',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is exceeded',
    ENOTDIR: 'a path component is not a folder',
    ELOOP: 'the record file is a symbolic link',
  };
  return `The run record was not saved in ${dir}: ${why[e.code ?? ''] ?? e.message}. Change the run records folder setting or fix the folder.`;
}

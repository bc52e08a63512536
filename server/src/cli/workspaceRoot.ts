// Where a runbook's workspace is, for the CLI: the folder holding `.runbook/` above it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding `.runbook/` above the runbook, else the current folder. */
export function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.runbook'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

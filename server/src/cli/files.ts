// Expands the CLI's file and folder arguments into the Markdown files to check.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const skipDirs = new Set(['node_modules', '.git', '.vscode-test', 'dist', '.tsbuild']);

export class UsageError extends Error {}

export function collectMarkdown(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    let st;
    try { st = statSync(arg); } catch { throw new UsageError(`cannot read '${arg}': no such file or folder`); }
    if (st.isDirectory()) walk(arg, out);
    else out.push(arg);
  }
  return out;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (skipDirs.has(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (/\.(md|markdown)$/i.test(name)) out.push(p);
  }
}

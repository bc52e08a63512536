// The benchmark's inputs: generated runbooks written to a temp dir, the same runbooks' shell
// blocks as one .sh file for the shell peers, and the keystroke positions inside a block
// mid-file (the same block in both).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateRunbook } from '../test/tools/generate';
import { buildModel } from '../server/src/model/build';
import type { Position } from '../server/src/model/types';
import { prepareShell } from '../server/src/shell/prepare';

export interface BenchFile {
  label: string;
  bytes: number;
  path: string;
  uri: string;
  text: string;
  /** Where a keystroke goes: the end of a command line inside the middle shell block. */
  edit: Position;
  /** The shell blocks, placeholders masked, as one .sh file. */
  shell: { path: string; uri: string; text: string; edit: Position; blocks: string[] };
}

export function sizeLabel(bytes: number): string {
  return bytes >= 1_000_000 ? `${+(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} KB`;
}

export function makeFile(dir: string, bytes: number, seed: number): BenchFile {
  mkdirSync(dir, { recursive: true });
  const text = generateRunbook(bytes, seed);
  const path = join(dir, `runbook-${bytes}.md`);
  writeFileSync(path, text);
  const model = buildModel(text);
  const shellBlocks = model.blocks.filter(b => b.lang === 'shell' && b.kind === 'fenced' && b.body.includes('\n'));
  if (!shellBlocks.length) throw new Error(`generated runbook of ${bytes} bytes has no shell block`);
  // A block whose first line is a plain command, so that the keystroke extends a word.
  const mid = Math.floor(shellBlocks.length / 2);
  const k = shellBlocks.findIndex((b, i) => i >= mid && !/[{(\\]\s*$/.test(b.body.split('\n')[0])) ;
  const pick = k >= 0 ? k : mid;
  const block = shellBlocks[pick];
  const firstLine = block.body.split('\n')[0];
  const edit = { line: block.bodyRange.start.line, character: block.bodyRange.start.character + firstLine.length };

  // The peers get the blocks as our ShellCheck pass sees them (placeholders such as `<pid>` masked
  // with same-length words): raw, every peer would stop at the first placeholder's parse error
  // and so do a fraction of the work.
  const blocks = shellBlocks.map(b => prepareShell(b.body).text);
  const shText = blocks.join('\n\n') + '\n';
  const shLine = blocks.slice(0, pick).reduce((n, b) => n + b.split('\n').length + 1, 0);
  const shPath = join(dir, `runbook-${bytes}.sh`);
  writeFileSync(shPath, shText);
  return {
    label: sizeLabel(bytes), bytes, path, uri: pathToFileURL(path).toString(), text, edit,
    shell: { path: shPath, uri: pathToFileURL(shPath).toString(), text: shText, edit: { line: shLine, character: firstLine.length }, blocks },
  };
}

/** `count` runbooks of about `bytes` each, in a few folders, like a team's repository. */
export function makeWorkspace(dir: string, count: number, bytes: number): string {
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `team-${i % 10}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `service-${i}.md`), generateRunbook(bytes, 1000 + i));
  }
  return dir;
}

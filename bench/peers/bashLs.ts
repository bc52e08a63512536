// Peer for shell diagnostics over LSP: bash-language-server (npm dev dependency) on the same
// shell blocks as one .sh document, with ShellCheck and the same exclusions as ours.
import { join } from 'node:path';
import { LspSession } from '../lspSession';
import { keystrokeFigures } from '../keystroke';
import type { Plan } from '../stats';
import type { BenchFile } from '../corpus';
import type { PeerFigures } from './markdownLs';
import { SHELLCHECK_ARGS } from './shellcheck';

const bin = join(__dirname, '../../node_modules/bash-language-server/out/cli.js');

export async function bashLsFigures(f: BenchFile, plan: Plan): Promise<PeerFigures> {
  const s = await LspSession.start({
    command: process.execPath, args: [bin, 'start'],
    env: { BACKGROUND_ANALYSIS_MAX_FILES: '0', SHELLCHECK_ARGUMENTS: SHELLCHECK_ARGS.filter(a => a.startsWith('--exclude')).join(' ') },
  });
  try {
    await s.initialized();
    const k = await keystrokeFigures(s, { uri: f.shell.uri, text: f.shell.text, languageId: 'shellscript', edit: f.shell.edit }, plan, 1);
    return { cold: k.open, keystroke: k.first };
  } finally {
    await s.stop();
  }
}

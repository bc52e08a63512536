// PowerShell blocks are checked by PowerShell's own parser when `pwsh` is installed. Without it we
// say once per runbook that they were not checked; guessing at PowerShell syntax would mislead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BlockAnalyzer, BlockFindings, DocumentAnalyzer } from '../analysis/types';

let pwshPath: string | null | undefined;

/** `pwsh` on PATH (looked up once; a synchronous check so document analyzers can use it). */
export function findPwsh(): string | null {
  if (pwshPath === undefined) {
    const names = process.platform === 'win32' ? ['pwsh.exe'] : ['pwsh'];
    pwshPath = null;
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const hit = names.map((n) => join(dir, n)).find((p) => dir && existsSync(p));
      if (hit) { pwshPath = hit; break; }
    }
  }
  return pwshPath;
}

// Reads the block on stdin and prints the parser's errors as JSON (UTF-16 offsets, like JS).
const script = [
  '$t = [Console]::In.ReadToEnd(); $k = $null; $e = $null',
  '[void][System.Management.Automation.Language.Parser]::ParseInput($t, [ref]$k, [ref]$e)',
  '@($e | ForEach-Object { @{ start = $_.Extent.StartOffset; end = $_.Extent.EndOffset; message = $_.Message } }) | ConvertTo-Json -Compress -AsArray',
].join('\n');

function runPwsh(pwsh: string, text: string, timeoutMs = 20_000): Promise<{ start: number; end: number; message: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')]);
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`pwsh did not answer within ${timeoutMs} ms`)); }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) { reject(new Error(`pwsh exited with ${code}`)); return; }
      try { resolve(JSON.parse(out.trim() || '[]')); } catch { reject(new Error('pwsh printed unreadable output')); }
    });
    child.stdin.end(text);
  });
}

export async function powershellFindings(body: string): Promise<BlockFindings> {
  const pwsh = findPwsh();
  if (!pwsh || !body.trim()) return {};
  const errors = await runPwsh(pwsh, body);
  return {
    diagnostics: errors.slice(0, 5).map((e) => ({
      span: { start: e.start, end: Math.max(e.end, e.start + 1) },
      severity: DiagnosticSeverity.Error,
      code: 'powershell/syntax',
      message: `PowerShell syntax error: ${e.message}`,
    })),
  };
}

export const powershellSyntax: BlockAnalyzer = {
  id: 'powershell/syntax',
  slow: true,
  appliesTo: (b) => b.lang === 'powershell',
  analyze: (block) => powershellFindings(block.body),
};

export const powershellUnchecked: DocumentAnalyzer = {
  id: 'powershell/unchecked',
  analyze: ({ model }) => {
    const blocks = model.blocks.filter((b) => b.lang === 'powershell');
    if (!blocks.length || findPwsh()) return {};
    const n = blocks.length;
    return {
      diagnostics: [{
        range: { start: blocks[0].range.start, end: { line: blocks[0].range.start.line, character: blocks[0].range.start.character + 3 } },
        severity: DiagnosticSeverity.Information,
        code: 'powershell/unchecked',
        source: 'runbook',
        message: `${n === 1 ? 'This PowerShell block was' : `The ${n} PowerShell blocks in this runbook were`} not checked: pwsh is not installed.`,
      }],
    };
  },
};

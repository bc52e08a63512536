// A placeholder's choices: the lines a read-only command prints in the environment's target
// (here, the ssh host, the pod, a fleet's canary or first host). The caller shows the command
// before calling this. Variables and secrets go over stdin, as for a session; output is masked.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '../environments/types';
import { redact } from '../run/redact';
import { controlArgs } from './sshArgs';
import { socketBase } from './sshRemote';
import { kubectlRemote } from './kubectlRemote';
import { localProgramEnv } from './remoteSpec';
import { readOnlyProblem } from './readOnly';
import { hostLabel, isCanary, type SshTarget } from './types';

const MAX_CHOICES = 500;
const TIMEOUT_MS = 20_000;
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export class ChoicesError extends Error {}

/** Where the choices command runs, for the line that shows it first. */
export function choicesWhere(env: ResolvedEnvironment): string {
  const t = env.target;
  if (t.kind === 'ssh') return hostLabel(t);
  if (t.kind === 'fleet') return hostLabel(firstHost(t.hosts, t.canary));
  if (t.kind === 'kubectl') return `pod in ${t.namespace}${t.pod ? `/${t.pod}` : ` (${t.selector})`}`;
  return 'this machine';
}

function firstHost(hosts: SshTarget[], canary?: string): SshTarget {
  return hosts.find((h) => canary !== undefined && isCanary(h, canary)) ?? hosts[0];
}

export async function listChoices(env: ResolvedEnvironment, command: string): Promise<string[]> {
  const problem = readOnlyProblem(command);
  if (problem) throw new ChoicesError(`Choices command ${problem}`);
  const t = env.target;
  const exports = Object.entries(env.exported).map(([k, v]) => `export ${k}=${q(v)}\n`).join('');
  let program: { command: string; args: string[]; env: Record<string, string>; cwd?: string; cleanup?: () => void };
  if (t.kind === 'invalid') throw new ChoicesError(`Environment "${env.name}" cannot run commands: ${t.reason}.`);
  if (t.kind === 'local') program = { command: 'bash', args: ['--noprofile', '--norc', '-s'], env: env.processEnv, cwd: env.cwd };
  else if (t.kind === 'kubectl') { const r = await kubectlRemote(t, {}, localProgramEnv(env)); program = r.control; }
  else {
    const dir = mkdtempSync(join(socketBase(), 'runbook-ssh-'));
    const host = t.kind === 'ssh' ? t : firstHost(t.hosts, t.canary);
    program = { command: 'ssh', args: controlArgs(host, { controlPath: join(dir, 'cm') }), env: localProgramEnv(env), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const script = `${t.kind === 'local' ? '' : exports}${command}\n`;
  try {
    const { code, stdout, stderr } = await run(program, script);
    if (code !== 0) throw new ChoicesError(`\`${command}\` on ${choicesWhere(env)} failed (exit ${code ?? 'killed'}): ${redact(stderr.trim().split('\n').pop() ?? '', env.secretValues) || 'no message'}`);
    const lines = [...new Set(redact(stdout, env.secretValues).split('\n').map((l) => l.trim()).filter(Boolean))];
    return lines.slice(0, MAX_CHOICES);
  } finally { program.cleanup?.(); }
}

function run(p: { command: string; args: string[]; env: Record<string, string>; cwd?: string }, script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    let stdout = '', stderr = '';
    const child = spawn(p.command, p.args, { env: p.env, cwd: p.cwd, stdio: 'pipe' });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => { if (stdout.length < 256 * 1024) stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < 16 * 1024) stderr += b.toString(); });
    child.on('error', (e) => { stderr += e.message; });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.on('error', () => undefined);
    child.stdin.end(script);
  });
}

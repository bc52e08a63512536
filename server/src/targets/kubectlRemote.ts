// A kubectl target as a remote session: `kubectl exec -i` runs bash in the pod, stdin and stdout
// relayed, and a second `kubectl exec -i` is the control channel for cancel. A selector names
// its first running pod, looked up when the session starts (and shown in its label).
import { execFile } from 'node:child_process';
import type { RemoteSpec } from '../run/session';
import type { KubectlTarget } from './types';

export class KubectlError extends Error {}

function scope(t: KubectlTarget): string[] {
  return [...(t.context ? ['--context', t.context] : []), '--namespace', t.namespace];
}

/** The pod a step runs in: the one named, or the first running pod the selector matches. */
export async function podOf(t: KubectlTarget, env: Record<string, string>, kubectl = 'kubectl'): Promise<string> {
  if (t.pod) return t.pod;
  const args = [...scope(t), 'get', 'pods', '--selector', t.selector!, '--field-selector', 'status.phase=Running', '--output', 'name'];
  const out = await new Promise<string>((resolve, reject) => execFile(kubectl, args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
    if (err) reject(new KubectlError(`Cannot list pods for ${t.selector} in ${t.namespace}: ${(stderr || err.message).trim().split('\n').pop()}`));
    else resolve(stdout);
  }));
  const first = out.split('\n').map((l) => l.trim().replace(/^pod\//, '')).find(Boolean);
  if (!first) throw new KubectlError(`No running pod matches ${t.selector} in namespace ${t.namespace}.`);
  return first;
}

export function kubectlLabel(t: KubectlTarget, pod: string): string {
  return `pod ${t.context ? `${t.context}/` : ''}${t.namespace}/${pod}${t.container ? ` (${t.container})` : ''}`;
}

export async function kubectlRemote(t: KubectlTarget, exported: Record<string, string>, env: Record<string, string>, kubectl = 'kubectl'): Promise<RemoteSpec> {
  const pod = await podOf(t, env, kubectl);
  const exec = (...bash: string[]) => [...scope(t), 'exec', '--stdin', pod, ...(t.container ? ['--container', t.container] : []), '--', 'bash', '--noprofile', '--norc', ...bash];
  return {
    label: kubectlLabel(t, pod),
    command: kubectl, args: exec(), env,
    control: { command: kubectl, args: exec('-s'), env },
    exported,
  };
}

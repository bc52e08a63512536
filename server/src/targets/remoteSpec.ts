// The remote session for a resolved environment's host: what the local program gets in its own
// environment (the user's kept variables, for ssh's config and agent) and what goes on stdin.
import type { ResolvedEnvironment } from '../environments/types';
import type { RemoteSpec } from '../run/session';
import { sshRemote } from './sshRemote';
import { kubectlRemote } from './kubectlRemote';
import type { KubectlTarget, SshTarget } from './types';

export function remoteSpec(target: SshTarget | KubectlTarget, env: ResolvedEnvironment): Promise<RemoteSpec> {
  if (target.kind === 'kubectl') return kubectlRemote(target, env.exported, localProgramEnv(env));
  return Promise.resolve(sshRemote(target, env.exported, localProgramEnv(env)));
}

/** The session's environment less what the runbook's environment sets: secrets never reach ssh's own environ. */
export function localProgramEnv(env: ResolvedEnvironment): Record<string, string> {
  return Object.fromEntries(Object.entries(env.processEnv).filter(([k]) => !(k in env.exported)));
}

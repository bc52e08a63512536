// Where an environment's steps run: here (`local`), on a host over the system ssh, in a pod over
// `kubectl exec -i`, or on every host of a fleet. Written under `target:` in environments.yaml.

export interface SshTarget {
  kind: 'ssh';
  host: string;
  user?: string;
  port?: number;
  /** `-J`: one jump host or a comma-separated chain, as ssh takes it. */
  jump?: string;
  /** `-o Name=value` options, from the allowed list (sshOptions.ts). */
  options: Record<string, string>;
}

export interface KubectlTarget {
  kind: 'kubectl';
  context?: string;
  namespace: string;
  /** Exactly one of pod and selector; a selector runs in the first pod it names. */
  pod?: string;
  selector?: string;
  container?: string;
}

/** What happens to the other hosts once one fails. */
export type FleetFailure = 'stop' | 'continue';

export interface FleetTarget {
  kind: 'fleet';
  /** Hosts written in the file; an inventory's are added when the environment is resolved. */
  hosts: SshTarget[];
  /** A file of hosts, one `[user@]host[:port]` a line, relative to the workspace folder. */
  inventory?: string;
  /** Settings every host gets unless its own entry says otherwise. */
  defaults: Omit<SshTarget, 'kind' | 'host'>;
  concurrency: number;
  /** A host that runs each step first, alone; the rest only run if it succeeds. */
  canary?: string;
  onHostFailure: FleetFailure;
}

/** `invalid`: the file's target has errors, so the environment refuses to run anything. */
export type TargetDef = { kind: 'local' } | { kind: 'invalid'; reason: string } | SshTarget | KubectlTarget | FleetTarget;

/** A fleet once its inventory is read: every host known. */
export type ResolvedTarget = { kind: 'local' } | { kind: 'invalid'; reason: string } | SshTarget | KubectlTarget | (FleetTarget & { hosts: SshTarget[] });

export const DEFAULT_CONCURRENCY = 10;

/** `user@host:port` as people write and read it. */
export function hostLabel(t: SshTarget): string {
  return `${t.user ? `${t.user}@` : ''}${t.host}${t.port ? `:${t.port}` : ''}`;
}

/** Whether `canary` (`host`, `host:port` or `user@host:port`) names this host. */
export function isCanary(t: SshTarget, canary: string): boolean {
  return canary === t.host || canary === `${t.host}:${t.port ?? 22}` || canary === hostLabel(t);
}

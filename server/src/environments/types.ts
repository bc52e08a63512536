// What an environment is, as written in `.runbook/environments.yaml` and once resolved for a run.
// Secrets are only ever names here; values come from a SecretSource at run time and are never stored.
import type { ResolvedTarget, TargetDef } from '../targets/types';

export type ShellKind = 'bash' | 'pwsh';

export interface PrometheusAuthDef {
  /** Name of a secret holding a bearer token. */
  bearer?: string;
  basic?: { username: string; password: string /* secret name */ };
}

export interface PrometheusDef {
  url: string;
  headers?: Record<string, string>;
  auth?: PrometheusAuthDef;
}

export interface EnvironmentDef {
  name: string;
  variables: Record<string, string>;
  prometheus?: PrometheusDef;
  /** The environment's Alertmanager (silences), in the same shape as `prometheus`. */
  alertmanager?: PrometheusDef;
  /** Relative paths are resolved against the workspace folder. */
  cwd?: string;
  shell: ShellKind;
  protected: boolean;
  /** Variable names whose values come from the SecretSource. */
  secrets: string[];
  /** Where steps run (absent: `local`). */
  target?: TargetDef;
  /** Placeholder name → a read-only command run in the target whose output lines are the choices. */
  choices?: Record<string, string>;
}

export interface EnvironmentsFile {
  environments: EnvironmentDef[];
  /** Environment picked on start-up; a protected one is ignored (never restored). */
  default?: string;
}

/** Where secret values come from: process.env for the CLI, SecretStorage in VS Code. */
export interface SecretSource {
  /**
   * `destination` is the origin a credential will be sent to (the Prometheus URL's), for secrets
   * that go to a host. A store keys them by it, so a value entered for one host is never sent to
   * another after the environments file changes the URL (it is asked for again instead).
   */
  get(name: string, env: string, destination?: string): Promise<string | undefined>;
}

export interface ResolvedPrometheus {
  url: string;
  headers: Record<string, string>;
}

export interface ResolvedEnvironment {
  name: string;
  protected: boolean;
  shell: ShellKind;
  /** Absolute working directory for the session. */
  cwd: string;
  /** Full process environment for the session: the user's env, then variables, then secrets. */
  processEnv: Record<string, string>;
  /** Variable names the environment defines (for `$VAR` placeholder resolution). */
  variableNames: string[];
  /** Absent when the environment has no Prometheus (only `local` has one without saying so). */
  prometheus?: ResolvedPrometheus;
  alertmanager?: ResolvedPrometheus;
  /** Why the Alertmanager could not be resolved (a missing secret), when it could not. */
  alertmanagerError?: string;
  /** Values that must be replaced by `***` in streams and records. */
  secretValues: string[];
  /** Where steps run, a fleet's inventory read. */
  target: ResolvedTarget;
  /** What the environment itself exports (variables, secrets, Prometheus URL): all a remote session gets. */
  exported: Record<string, string>;
  choices: Record<string, string>;
}

// Turns an environment definition into what a run needs: absolute cwd, the full process
// environment (secrets included) and the list of values to redact. `local` always exists.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ENVIRONMENTS_FILE, MAX_ENVIRONMENTS_FILE_BYTES, parseEnvironments, tooLargeEnvironments, type ParsedEnvironments } from './load';
import type { EnvironmentDef, ResolvedEnvironment, SecretSource } from './types';
import { keptEnvironment, PROMETHEUS_URL_VARIABLES } from './sessionVariables';
import { MIN_SECRET_LENGTH } from '../run/redact';
import { resolveTarget } from '../targets/resolve';

export const LOCAL = 'local';
const DEFAULT_PROMETHEUS = 'http://127.0.0.1:9090';

export function builtinLocal(): EnvironmentDef {
  return { name: LOCAL, variables: {}, shell: 'bash', protected: false, secrets: [] };
}

/** Reads the workspace's environments file; a missing file is an empty (valid) one. */
export async function loadEnvironments(workspaceFolder: string): Promise<ParsedEnvironments & { file: string; exists: boolean }> {
  const file = join(workspaceFolder, ENVIRONMENTS_FILE);
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_ENVIRONMENTS_FILE_BYTES) return { ...tooLargeEnvironments(size), file, exists: true };
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { environments: [], diagnostics: [], file, exists: false };
    throw new Error(`Cannot read ${file}: ${(e as Error).message}`);
  }
  return { ...parseEnvironments(text), file, exists: true };
}

/** All environments offered to the user: the file's, plus the built-in `local` unless the file redefines it. */
export function environmentList(file: { environments: EnvironmentDef[] }): EnvironmentDef[] {
  const list = [...file.environments];
  if (!list.some((e) => e.name === LOCAL)) list.unshift(builtinLocal());
  return list;
}

/** The environment to select on start-up: never a protected one (vscode-httpyac#39). */
export function startupEnvironment(file: { environments: EnvironmentDef[]; default?: string }, remembered?: string): string {
  const list = environmentList(file);
  for (const name of [remembered, file.default]) {
    const env = name ? list.find((e) => e.name === name) : undefined;
    if (env && !env.protected) return env.name;
  }
  return list.find((e) => e.name === LOCAL && !e.protected)?.name ?? list.find((e) => !e.protected)?.name ?? LOCAL;
}

/**
 * Only `local` falls back to PROMETHEUS_URL or 127.0.0.1:9090. Any other environment without a
 * `prometheus:` key has none: showing local numbers under "staging" would mislead at 3 a.m.
 */
export function hasPrometheus(def: EnvironmentDef): boolean {
  return def.prometheus !== undefined || def.name === LOCAL;
}

export class MissingSecretError extends Error {}

/** `https://prom.example:9090`: scheme, host and port, the unit a browser trusts too. */
export function originOf(url: string): string {
  try { return new URL(url).origin; } catch { return url; }
}

export async function resolveEnvironment(
  def: EnvironmentDef,
  opts: { workspaceFolder: string; baseEnv: NodeJS.ProcessEnv; secrets: SecretSource },
): Promise<ResolvedEnvironment> {
  const secretValues: string[] = [];
  // One name is one value per resolve: PROM_TOKEN used by the shell and sent to Prometheus is
  // asked once, bound to the host (asked first, below), and the shell gets the same value.
  // A value bound to one host is never reused for another: the same name sent to the
  // Alertmanager's origin is asked of the store for that origin.
  const given = new Map<string, { value: string; destination?: string }>();
  const secret = async (name: string, destination?: string): Promise<string> => {
    const known = given.get(name);
    if (known !== undefined && (!destination || !known.destination || known.destination === destination)) return known.value;
    const v = await opts.secrets.get(name, def.name, destination);
    if (v === undefined || v === '') {
      throw new MissingSecretError(`Secret \`${name}\` for environment \`${def.name}\`${destination ? ` (sent to ${destination})` : ''} has no value. ` +
        'Set it in the process environment (CLI) or enter it when asked (VS Code).');
    }
    // Shorter values would mask ordinary words in the output, so they could not be masked at all.
    if (v.length < MIN_SECRET_LENGTH) {
      throw new MissingSecretError(`Secret \`${name}\` for environment \`${def.name}\` is shorter than ${MIN_SECRET_LENGTH} characters, so Runbook could not mask it in output and records; it is refused.`);
    }
    secretValues.push(v);
    if (!known) given.set(name, { value: v, destination });
    return v;
  };

  // Built from the definition: only the kept part of the user's environment comes along.
  const processEnv: Record<string, string> = keptEnvironment(opts.baseEnv);
  Object.assign(processEnv, def.variables);
  // Read first: a fleet whose inventory is missing fails before any secret is asked for.
  const target = await resolveTarget(def.target, opts.workspaceFolder);

  const prom = def.prometheus;
  const headers: Record<string, string> = { ...(prom?.headers ?? {}) };
  const url = prom?.url ?? opts.baseEnv.PROMETHEUS_URL ?? DEFAULT_PROMETHEUS;
  // Credentials are bound to the host they were entered for (see SecretSource).
  const destination = originOf(url);
  if (prom?.auth?.bearer) headers.Authorization = `Bearer ${await secret(prom.auth.bearer, destination)}`;
  else if (prom?.auth?.basic) {
    const pw = await secret(prom.auth.basic.password, destination);
    const token = Buffer.from(`${prom.auth.basic.username}:${pw}`).toString('base64');
    secretValues.push(token);
    headers.Authorization = `Basic ${token}`;
  }
  // A missing Alertmanager credential costs the silences, not the run or the live metrics.
  let alertmanager: ResolvedEnvironment['alertmanager'];
  let alertmanagerError: string | undefined;
  if (def.alertmanager) {
    try { alertmanager = await resolveEndpoint(def.alertmanager, secret, secretValues); } catch (e) {
      if (!(e instanceof MissingSecretError)) throw e;
      alertmanagerError = e.message;
    }
  }
  const exported: Record<string, string> = { ...def.variables };
  for (const name of def.secrets) exported[name] = processEnv[name] = await secret(name);
  // Steps query the environment's own Prometheus, never the one the editor was started with.
  if (hasPrometheus(def)) for (const name of PROMETHEUS_URL_VARIABLES) exported[name] = processEnv[name] = url;
  const cwd = def.cwd ? (isAbsolute(def.cwd) ? def.cwd : resolve(opts.workspaceFolder, def.cwd)) : opts.workspaceFolder;

  return {
    name: def.name,
    protected: def.protected,
    shell: def.shell,
    cwd,
    processEnv,
    variableNames: [...Object.keys(def.variables), ...def.secrets],
    ...(hasPrometheus(def) ? { prometheus: { url, headers } } : {}),
    ...(alertmanager ? { alertmanager } : {}),
    ...(alertmanagerError ? { alertmanagerError } : {}),
    secretValues,
    target,
    exported,
    choices: def.choices ?? {},
  };
}

/** An Alertmanager's URL and headers: its credentials bound to its own origin, like Prometheus's. */
async function resolveEndpoint(def: NonNullable<EnvironmentDef['alertmanager']>, secret: (name: string, destination?: string) => Promise<string>, secretValues: string[]): Promise<{ url: string; headers: Record<string, string> }> {
  const headers: Record<string, string> = { ...(def.headers ?? {}) };
  const destination = originOf(def.url);
  if (def.auth?.bearer) headers.Authorization = `Bearer ${await secret(def.auth.bearer, destination)}`;
  else if (def.auth?.basic) {
    const token = Buffer.from(`${def.auth.basic.username}:${await secret(def.auth.basic.password, destination)}`).toString('base64');
    secretValues.push(token);
    headers.Authorization = `Basic ${token}`;
  }
  return { url: def.url, headers };
}

/**
 * The editor's environment, less what belongs to the editor itself: ELECTRON_RUN_AS_NODE would
 * turn `code` (and any Electron app) in a step into plain Node, VSCODE_* are its internals.
 * (resolveEnvironment keeps only the documented set of it anyway: see sessionVariables.ts.)
 */
export function sessionBaseEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(?:ELECTRON_RUN_AS_NODE|ELECTRON_NO_ATTACH_CONSOLE|VSCODE_.*)$/.test(k)));
}

/**
 * Variables a step may use without being asked: the session's inherited environment, then the
 * environment's variables and secrets. The `$VAR` diagnostic and the run prompt both use this.
 */
export function definedVariableNames(def: EnvironmentDef, baseEnv: NodeJS.ProcessEnv): string[] {
  const prometheus = hasPrometheus(def) ? PROMETHEUS_URL_VARIABLES : [];
  return [...new Set([...Object.keys(keptEnvironment(baseEnv)), ...Object.keys(def.variables), ...def.secrets, ...prometheus])];
}

/** The CLI's secret source: the process environment. */
export function processEnvSecrets(env: NodeJS.ProcessEnv = process.env): SecretSource {
  return { get: async (name) => env[name] };
}

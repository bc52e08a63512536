// How many hosts a step will run on, for the confirmation ("Run on 24 hosts of production?"),
// known before any secret is asked: a fleet's inventory is read for it, nothing else.
import type { EnvironmentDef } from '../environments/types';
import { resolveTarget } from './resolve';

/** The fleet's host count, or undefined when the environment is no fleet. Throws on a bad inventory. */
export async function fleetSize(def: EnvironmentDef, workspaceFolder: string): Promise<number | undefined> {
  if (def.target?.kind !== 'fleet') return undefined;
  const t = await resolveTarget(def.target, workspaceFolder);
  return t.kind === 'fleet' ? t.hosts.length : undefined;
}

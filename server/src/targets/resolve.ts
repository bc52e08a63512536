// A target as a run needs it: a fleet's inventory read and each host given the fleet's defaults.
import { isCanary, type ResolvedTarget, type SshTarget, type TargetDef } from './types';
import { InventoryError, readInventory } from './inventory';

export async function resolveTarget(def: TargetDef | undefined, workspaceFolder: string): Promise<ResolvedTarget> {
  if (!def || def.kind !== 'fleet') return def ?? { kind: 'local' };
  const withDefaults = (h: Omit<SshTarget, 'kind' | 'options'> & { options?: Record<string, string> }): SshTarget => ({
    ...def.defaults, ...stripUndefined(h), host: h.host, kind: 'ssh', options: { ...def.defaults.options, ...(h.options ?? {}) },
  });
  const hosts = def.hosts.map(withDefaults);
  if (def.inventory) hosts.push(...(await readInventory(def.inventory, workspaceFolder)).map(withDefaults));
  const seen = new Set<string>();
  for (const h of hosts) {
    const k = `${h.host}:${h.port ?? ''}`;
    if (seen.has(k)) throw new InventoryError(`Host ${h.host} is in the fleet twice: each step would run on it twice.`);
    seen.add(k);
  }
  if (def.canary && !hosts.some((h) => isCanary(h, def.canary!))) throw new InventoryError(`Canary ${def.canary} is not one of the fleet's hosts.`);
  return { ...def, hosts };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

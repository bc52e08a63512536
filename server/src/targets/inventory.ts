// An inventory file: one `[user@]host[:port]` a line, `#` comments and blank lines ignored. Read
// when the environment is resolved for a run, so a fleet is always the file's current hosts.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseHostSpec, type HostSpec } from './hostSpec';

export class InventoryError extends Error {}

/** A fleet inventory lists hosts, not data: a bigger file is refused rather than read. */
const MAX_INVENTORY_BYTES = 1024 * 1024;

export async function readInventory(file: string, workspaceFolder: string): Promise<HostSpec[]> {
  const path = isAbsolute(file) ? file : resolve(workspaceFolder, file);
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch (e) {
    throw new InventoryError(`Cannot read inventory ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  if (text.length > MAX_INVENTORY_BYTES) throw new InventoryError(`Inventory ${file} is over 1 MB; it is not read.`);
  return parseInventory(text, file);
}

export function parseInventory(text: string, name: string): HostSpec[] {
  const hosts: HostSpec[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const spec = parseHostSpec(line);
    // One bad line fails the whole fleet: running on "the others" would skip a host silently.
    if (typeof spec === 'string') throw new InventoryError(`${name}:${i + 1}: ${spec}`);
    hosts.push(spec);
  }
  if (!hosts.length) throw new InventoryError(`Inventory ${name} lists no hosts.`);
  return hosts;
}

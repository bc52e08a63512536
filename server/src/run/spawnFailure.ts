// Why bash could not start, in words a user can act on. The one that needs explaining is E2BIG:
// Linux caps the environment passed to a new process (about 2 MB in all, 128 KB per variable),
// and an environments file with too many or too long variables reaches it.
const PER_VARIABLE_BYTES = 128 * 1024;

export function spawnFailure(e: NodeJS.ErrnoException, env: Record<string, string>): string {
  if (e.code !== 'E2BIG') return `Cannot start bash: ${e.message}`;
  const sizes = Object.entries(env).map(([k, v]) => ({ k, bytes: Buffer.byteLength(k) + Buffer.byteLength(v) + 2 }));
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a), { k: '', bytes: 0 });
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  const alone = largest.bytes > PER_VARIABLE_BYTES ? `; ${largest.k} alone is ${kb(largest.bytes)}, over the 128 KB a variable may have` : '';
  return `Cannot start bash: its environment is too large for the system (E2BIG): ${sizes.length} variables, ${kb(total)} in all${alone}. `
    + 'Remove or shorten variables in the environments file (or in the environment you started from).';
}

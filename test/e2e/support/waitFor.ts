// The editor reacts asynchronously (language server start-up, analysis after an edit), so tests
// wait for a state instead of sleeping. The limit is generous: it only turns a hang into a clear
// failure on a slow, shared machine; it is not a speed assertion.
const POLL_MS = 100;
const DEFAULT_LIMIT_MS = 30_000;

/**
 * Polls `probe` until it returns something other than undefined/false, and returns that.
 * Fails with `what` (and the last value `describe` gives) if the state never arrives.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  opts: { limitMs?: number; describe?: () => string } = {},
): Promise<T> {
  const end = Date.now() + (opts.limitMs ?? DEFAULT_LIMIT_MS);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) {
      const last = opts.describe ? `; last seen: ${opts.describe()}` : '';
      throw new Error(`timed out waiting for ${what}${last}`);
    }
    await new Promise(r => setTimeout(r, POLL_MS));
  }
}

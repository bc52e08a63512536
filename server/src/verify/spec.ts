// Verification steps, written in the fence's info string so the Markdown stays plain and renders
// everywhere as a PromQL block (GitHub and every renderer read only the first word):
//
//   ```promql verify timeout=5m every=15s      the step before it worked: poll until this holds
//   ```promql precondition                     only go on if this holds now (asked once)
//
// A condition holds as an alert expression does: the query returns a series (or a non-zero
// scalar). Nothing is written into the user's Markdown, no IDs, no attributes of ours.
import type { CodeBlock } from '../model/types';
import { durationMs } from './duration';

export interface VerifySpec {
  kind: 'verify' | 'precondition';
  /** How long to keep polling; 0 for a precondition (asked once). */
  timeoutMs: number;
  /** Time between polls. */
  intervalMs: number;
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_VERIFY_INTERVAL_MS = 10_000;
const MIN_INTERVAL_MS = 1000;

export class VerifySpecError extends Error {}

/** The spec a PromQL block's info string gives, undefined for an ordinary query step. Throws VerifySpecError on a bad option. */
export function verifySpecOf(block: Pick<CodeBlock, 'lang' | 'info'>): VerifySpec | undefined {
  if (block.lang !== 'promql') return undefined;
  const words = block.info.trim().split(/\s+/).slice(1);
  const kind = words.find((w): w is VerifySpec['kind'] => w === 'verify' || w === 'precondition');
  if (!kind) return undefined;
  const spec: VerifySpec = { kind, timeoutMs: kind === 'verify' ? DEFAULT_VERIFY_TIMEOUT_MS : 0, intervalMs: DEFAULT_VERIFY_INTERVAL_MS };
  for (const w of words) {
    if (w === kind) continue;
    const m = /^(timeout|every)=(.*)$/.exec(w);
    if (!m) throw new VerifySpecError(`\`${w}\` in \`${block.info}\` is not an option of ${kind} (timeout=5m, every=15s).`);
    const ms = durationMs(m[2]);
    if (ms === undefined) throw new VerifySpecError(`\`${m[2]}\` in \`${w}\` is not a duration (e.g. 30s, 5m, 1h30m).`);
    if (m[1] === 'timeout') spec.timeoutMs = ms;
    else if (ms < MIN_INTERVAL_MS) throw new VerifySpecError(`\`${w}\`: poll at most once a second (every=1s or more).`);
    else spec.intervalMs = ms;
  }
  return spec;
}

/** Like verifySpecOf, but a bad option is returned as a message instead of thrown. */
export function verifySpecOrError(block: Pick<CodeBlock, 'lang' | 'info'>): { spec?: VerifySpec; error?: string } {
  try { return { spec: verifySpecOf(block) }; } catch (e) {
    if (e instanceof VerifySpecError) return { error: e.message };
    throw e;
  }
}

// What the editor tells the server about running: the chosen environment, workspace trust and
// the last result of each block. Run lenses are drawn from it. Until a client says otherwise the
// workspace counts as untrusted, so an editor that cannot run steps never gets Run lenses.
import { createHash } from 'node:crypto';
import type { Feature, FeatureContext } from '../featureContext';
import { RUN_STATE_NOTIFICATION } from './runProtocol';

export { RUN_STATE_NOTIFICATION };

export interface LastResult {
  /** Block index at run time; `bodyHash` finds the block again after edits move it. */
  index: number;
  bodyHash: string;
  env: string;
  status: string;
  exitCode: number;
  durationMs: number;
  /** Whether the output matched the block's "Expected output" (absent when there is none). */
  expectedMatched?: boolean;
  /** The first command that failed, when the step did not stop there. */
  failure?: { line: number; exitCode: number };
  /** A verification step: whether it held, and the condition that did not with its last value. */
  verification?: { kind: 'verify' | 'precondition'; holds: boolean; condition?: string; lastValue?: string };
}

/** The `runbook/state` notification: every field optional, only the ones sent change. */
export interface RunStateParams {
  trusted?: boolean;
  env?: { name: string; protected: boolean; variables?: string[] };
  /** Results to record; `clear: true` forgets all results of `uri` first. */
  results?: { uri: string; clear?: boolean; items: LastResult[] }[];
}

export class RunState {
  trusted = false;
  env: { name: string; protected: boolean } = { name: 'local', protected: false };
  private readonly results = new Map<string, Map<string, LastResult>>();
  private readonly envListeners: (() => void)[] = [];

  /** Live checks (metrics against the environment's Prometheus) re-run when the choice changes. */
  onEnvironmentChange(listener: () => void): void { this.envListeners.push(listener); }

  /** Applies a notification; says whether lenses and/or analysis must be refreshed. */
  apply(p: RunStateParams): { lenses: boolean; variables?: string[] } {
    let lenses = false;
    if (typeof p.trusted === 'boolean' && p.trusted !== this.trusted) { this.trusted = p.trusted; lenses = true; }
    if (p.env && (p.env.name !== this.env.name || p.env.protected !== this.env.protected)) {
      this.env = { name: p.env.name, protected: p.env.protected };
      lenses = true;
      for (const l of this.envListeners) l();
    }
    for (const r of p.results ?? []) {
      let m = this.results.get(r.uri);
      if (!m || r.clear) { m = new Map(); this.results.set(r.uri, m); }
      for (const item of r.items) m.set(item.bodyHash, item);
      lenses = true;
    }
    return { lenses, variables: p.env?.variables };
  }

  /** The last result of the block with this body, if it ran since the server started. */
  lastResult(uri: string, body: string): LastResult | undefined {
    return this.results.get(uri)?.get(bodyHash(body));
  }

  forget(uri: string): void { this.results.delete(uri); }
}

/** Identifies a block by content, so a result stays on its block when edits above move it. */
export function bodyHash(body: string): string {
  return createHash('sha1').update(body).digest('hex').slice(0, 16);
}

const states = new WeakMap<FeatureContext['connection'], RunState>();

/** The run state of this server (one per connection), shared by the lens and state features. */
export function runStateOf(ctx: Pick<FeatureContext, 'connection'>): RunState {
  let s = states.get(ctx.connection);
  if (!s) { s = new RunState(); states.set(ctx.connection, s); }
  return s;
}

export const runStateFeature: Feature = {
  capabilities: {},
  register(ctx) {
    const state = runStateOf(ctx);
    ctx.connection.onNotification(RUN_STATE_NOTIFICATION, (p: RunStateParams) => {
      const change = state.apply(p ?? {});
      if (change.variables) {
        const next = new Set(change.variables);
        const prev = ctx.store.envVariables;
        if (next.size !== prev.size || [...next].some(v => !prev.has(v))) {
          ctx.store.envVariables = next;
          ctx.store.reanalyseAll();
        }
      }
      // Clients without refresh support simply ask again on the next edit.
      if (change.lenses) ctx.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    });
  },
};

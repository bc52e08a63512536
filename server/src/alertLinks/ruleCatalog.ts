// Every alerting rule the editor knows, from three places: the workspace's rule files, the
// alert-rule blocks of its runbooks (read from the workspace index's facts) and, per environment,
// the live `/api/v1/rules` of its Prometheus. Lookups by alert name for navigation, lenses and
// the "no rule defines this alert" check.
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { RuleFact } from './ruleLines';

export interface KnownRule { name: string; uri: string; fact: RuleFact; from: 'rule-file' | 'runbook' }
export interface LiveRule { name: string; runbookUrl?: string }

export class RuleCatalog {
  private readonly files = new Map<string, RuleFact[]>();
  private readonly live = new Map<string, LiveRule[]>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly index: WorkspaceIndex) {}

  ruleFiles(): IterableIterator<[string, RuleFact[]]> { return this.files.entries(); }

  setFile(uri: string, rules: RuleFact[]): void {
    if (rules.length) this.files.set(uri, rules); else this.files.delete(uri);
    this.changed();
  }

  removeFile(uri: string): void { if (this.files.delete(uri)) this.changed(); }

  /** Rules an environment's Prometheus has loaded (replaces what was known for it). */
  setLive(env: string, rules: LiveRule[]): void {
    const old = this.live.get(env);
    this.live.set(env, rules);
    if (!old || old.length !== rules.length || old.some((r, i) => r.name !== rules[i].name || r.runbookUrl !== rules[i].runbookUrl)) this.changed();
  }

  liveRules(env: string): LiveRule[] | undefined { return this.live.get(env); }

  /** Rules in workspace files and runbooks, in a stable order (rule files first). */
  workspaceRules(): KnownRule[] {
    const out: KnownRule[] = [];
    for (const [uri, rules] of [...this.files].sort(([a], [b]) => a.localeCompare(b))) for (const fact of rules) out.push({ name: fact.name, uri, fact, from: 'rule-file' });
    for (const uri of [...this.index.uris()].sort()) for (const fact of this.index.facts(uri)?.rules ?? []) out.push({ name: fact.name, uri, fact, from: 'runbook' });
    return out;
  }

  byName(name: string): KnownRule[] { return this.workspaceRules().filter((r) => r.name === name); }

  /** Names of every rule known in the workspace and, when given, live in that environment. */
  names(env?: string): Set<string> {
    const out = new Set(this.workspaceRules().map((r) => r.name));
    for (const r of (env && this.live.get(env)) || []) out.add(r.name);
    return out;
  }

  onChange(f: () => void): void { this.listeners.push(f); }
  /** Bumped on every change to rule files or live rules (runbook rules change with the index). */
  version = 0;
  private changed(): void { this.version++; for (const f of this.listeners) f(); }
}

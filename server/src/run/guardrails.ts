// What must happen before a step runs, as plain decisions: the VS Code layer turns them into
// modals and input boxes, the CLI into prompts and flags. Nothing here runs anything.

export interface GuardSettings {
  /** Ask before dangerous commands in non-protected environments (a setting can turn it off). */
  confirmDangerousInUnprotected: boolean;
}

export const defaultGuardSettings: GuardSettings = { confirmDangerousInUnprotected: true };

export interface StepFacts {
  /** Only an explicit user action (click, command, CLI flag) may start a run. */
  explicit: boolean;
  trusted: boolean;
  /** `hosts`: a fleet's size, named in every confirmation (a step there runs that many times). */
  env: { name: string; protected: boolean; hosts?: number };
  /** The final command, after substitution. */
  command: string;
  /** Placeholders were filled in, so the user must see the final command. */
  substituted: boolean;
  dangers: { rule: string; reason: string }[];
  /** Part of a Run all / Run section whose plan the user already approved. */
  planApproved?: boolean;
  /** Variables the environment sets over the user's own (see overriddenVariables): always shown. */
  overrides?: string[];
}

export type Confirmation = {
  kind: 'confirm';
  /** `modal`: protected env; `type-name`: the user must type `expected`; `light`: a simple yes/no; `review`: show the command. */
  level: 'modal' | 'type-name' | 'light' | 'review';
  title: string;
  detail: string;
  command: string;
  expected?: string;
};

export type Decision = { kind: 'run' } | { kind: 'refuse'; reason: string } | Confirmation;

export function decideStep(f: StepFacts, settings: GuardSettings = defaultGuardSettings): Decision {
  if (!f.explicit) return { kind: 'refuse', reason: 'Steps only run when you ask for them.' };
  if (!f.trusted) return { kind: 'refuse', reason: 'This workspace is not trusted, so Runbook does not run its steps. Trust the workspace to run them.' };
  const danger = f.dangers.length ? f.dangers.map((d) => `• ${d.reason}`).join('\n') : '';
  const env = f.env.name;
  const d = decideConfirmation(f, settings, danger, env);
  if (d.kind !== 'confirm' && f.overrides?.length && !f.planApproved) {
    return { kind: 'confirm', level: 'review', command: f.command, title: `Run on "${env}"?`, detail: withOverrides(f.command, f.overrides) };
  }
  return d.kind === 'confirm' && f.overrides?.length ? { ...d, detail: withOverrides(d.detail, f.overrides) } : d;
}

function withOverrides(detail: string, overrides: string[]): string {
  return `${detail}\n\nSet by the environments file over your own environment: ${overrides.join(', ')}.`;
}

/** `24 hosts of ` for a fleet, so the count is in the question itself. */
function onHosts(env: { hosts?: number }): string {
  return env.hosts !== undefined ? `${env.hosts} host${env.hosts === 1 ? '' : 's'} of ` : '';
}

function decideConfirmation(f: StepFacts, settings: GuardSettings, danger: string, env: string): Decision {
  const hosts = onHosts(f.env);
  if (f.env.protected && f.dangers.length) {
    return {
      kind: 'confirm', level: 'type-name', expected: env, command: f.command,
      title: `Run a dangerous command on ${hosts}protected environment "${env}"?`,
      detail: `${danger}\n\nType "${env}" to run:\n\n${f.command}`,
    };
  }
  if (f.env.protected && !f.planApproved) {
    return { kind: 'confirm', level: 'modal', command: f.command, title: `Run on ${hosts}protected environment "${env}"?`, detail: f.command };
  }
  if (f.dangers.length && settings.confirmDangerousInUnprotected) {
    return { kind: 'confirm', level: 'light', command: f.command, title: `This step looks dangerous. Run it on ${hosts}"${env}"?`, detail: `${danger}\n\n${f.command}` };
  }
  if (f.substituted && !f.planApproved) {
    return { kind: 'confirm', level: 'review', command: f.command, title: `Run on ${hosts}"${env}"?`, detail: f.command };
  }
  return { kind: 'run' };
}

/** `step`: the step number the editor shows (the list numbers by it when given). */
export interface PlanEntry { blockIndex: number; step?: number; sectionPath: string[]; firstLine: string; dangerous: boolean }

/** Run all / Run section on a protected environment asks once for the whole plan. */
export function decidePlan(p: { explicit: boolean; trusted: boolean; env: { name: string; protected: boolean; hosts?: number }; steps: PlanEntry[] }): Decision {
  if (!p.explicit) return { kind: 'refuse', reason: 'Steps only run when you ask for them.' };
  if (!p.trusted) return { kind: 'refuse', reason: 'This workspace is not trusted, so Runbook does not run its steps. Trust the workspace to run them.' };
  if (!p.steps.length) return { kind: 'refuse', reason: 'There are no runnable steps here.' };
  if (!p.env.protected) return { kind: 'run' };
  const list = p.steps.map((s, i) => `${s.step ?? i + 1}. [${s.sectionPath.join(' › ') || 'top'}] ${s.firstLine}${s.dangerous ? '  ⚠ dangerous' : ''}`).join('\n');
  return {
    kind: 'confirm', level: 'modal', command: list,
    title: p.steps.length === 1 && p.steps[0].step !== undefined
      ? `Run step ${p.steps[0].step} on ${onHosts(p.env)}protected environment "${p.env.name}"?`
      : `Run ${p.steps.length} step(s) on ${onHosts(p.env)}protected environment "${p.env.name}"?`,
    detail: `${list}\n\nDangerous steps will ask again.`,
  };
}

/** Whether a typed answer satisfies a confirmation (exact environment name for `type-name`). */
export function confirmationSatisfied(c: Confirmation, answer: string | boolean): boolean {
  if (c.level === 'type-name') return typeof answer === 'string' && answer.trim() === c.expected;
  return answer === true || (typeof answer === 'string' && /^(y|yes)$/i.test(answer.trim()));
}

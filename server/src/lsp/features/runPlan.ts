// `runbook/runPlan`: the steps a Run lens or command covers, in order, with what the editor needs
// to prompt and guard them (placeholders, unresolved variables, dangerous findings, the expected
// output). Analysed fresh from the current text, so the plan never lags behind an edit.
import type { Feature } from '../featureContext';
import type { CodeBlock, RunbookModel } from '../../model/types';
import type { PlanFindings } from '../../offload/protocol';
import { runnableBlocks } from '../../run/plan';
import { under } from './codeLens';
import { bodyHash } from './runState';
import { runnableText } from '../../shell/transcript';
import { RUN_PLAN_REQUEST } from './runProtocol';
import { verifySpecOrError, type VerifySpec } from '../../verify/spec';
import { frontMatterChoices } from '../../targets/frontMatterChoices';

export { RUN_PLAN_REQUEST };

export interface RunPlanParams {
  uri: string;
  scope: 'block' | 'section' | 'all';
  /** The block (for `block`) or a block of the section (for `section`). */
  index?: number;
  /** Instead of `index`: the runnable block under this 0-based line (the cursor). */
  line?: number;
  /** For `section`: the 0-based line of the section's heading (the heading's lens). */
  heading?: number;
  /** Variables the environment the run targets defines (default: those of the chosen environment). */
  variables?: string[];
}

export interface PlanStep {
  index: number;
  /** The step number the editor shows everywhere (1-based among runnable blocks). */
  step: number;
  lang: string;
  rawLang: string;
  body: string;
  /** What runs (LF): the body, or for a console transcript (`$ cmd` + output) only its command lines. */
  command: string;
  bodyHash: string;
  sectionPath: string[];
  /** 0-based lines of the opening and the last line of the block (closing fence). */
  line: number;
  endLine: number;
  /** Placeholders by name (first form first), e.g. `<pod>`, `YYYYMMDD`. */
  placeholders: { name: string; kind: string; texts: string[] }[];
  /** `$VAR`s no earlier block sets and the environment does not define: asked for like placeholders. */
  variables: string[];
  dangers: { rule: string; reason: string; line: number }[];
  expectedOutput?: string;
  /** A `promql verify` / `promql precondition` block: how it polls. */
  verify?: VerifySpec;
  /** Why its info string's options cannot be used (the run refuses it). */
  verifyError?: string;
}

/** `choices`: the runbook's front-matter placeholder choices (the environment's own win over them). */
export type RunPlan = { uri: string; steps: PlanStep[]; choices?: Record<string, string> } | { uri: string; error: string };

export function planSteps(model: RunbookModel, analysis: PlanFindings, p: RunPlanParams): RunPlan {
  const uri = model.uri;
  let blocks: CodeBlock[];
  const all = runnableBlocks(model);
  if (p.scope === 'all') blocks = all;
  else if (p.scope === 'section' && p.heading !== undefined) {
    const s = model.sections.find(x => x.headingRange.start.line === p.heading);
    if (!s) return { uri, error: 'There is no section heading there any more (the runbook changed).' };
    blocks = all.filter(b => under(b, s));
    if (!blocks.length) return { uri, error: `Section "${s.title}" has no runnable step.` };
  } else {
    const b = p.index === undefined && p.line !== undefined
      ? runnableBlocks(model).find(x => x.range.start.line <= p.line! && p.line! <= x.range.end.line)
      : model.blocks.find(x => x.index === p.index);
    if (!b || !runnableBlocks(model).includes(b)) {
      return { uri, error: p.index === undefined ? 'Put the cursor in a shell or PromQL block to run it.' : 'That block is not a runnable step (the runbook may have changed): only shell and PromQL blocks are steps.' };
    }
    if (p.scope === 'block') blocks = [b];
    else {
      const path = b.sectionPath;
      const under = (q: string[]) => path.every((t, i) => q[i] === t);
      blocks = runnableBlocks(model).filter(x => under(x.sectionPath));
    }
  }
  const choices = frontMatterChoices(model);
  return { uri, steps: blocks.map(b => step(model, analysis, b, all.indexOf(b) + 1)), ...(Object.keys(choices).length ? { choices } : {}) };
}

function step(model: RunbookModel, analysis: PlanFindings, b: CodeBlock, stepNo: number): PlanStep {
  const placeholders: PlanStep['placeholders'] = [];
  const variables: string[] = [];
  for (const ph of analysis.placeholders.filter(x => x.blockIndex === b.index)) {
    if (ph.kind === 'variable') { if (!variables.includes(ph.name)) variables.push(ph.name); continue; }
    const known = placeholders.find(x => x.name === ph.name);
    if (known) { if (!known.texts.includes(ph.text)) known.texts.push(ph.text); } else placeholders.push({ name: ph.name, kind: ph.kind, texts: [ph.text] });
  }
  const expected = b.expectedOutput !== undefined ? model.blocks.find(x => x.index === b.expectedOutput) : undefined;
  const verify = verifySpecOrError(b);
  return {
    ...(verify.spec ? { verify: verify.spec } : {}), ...(verify.error ? { verifyError: verify.error } : {}),
    index: b.index, step: stepNo, lang: b.lang, rawLang: b.rawLang, body: b.body, command: runnableText(b), bodyHash: bodyHash(b.body), sectionPath: b.sectionPath,
    line: b.range.start.line, endLine: b.range.end.line, placeholders, variables,
    dangers: analysis.dangers.filter(d => d.blockIndex === b.index).map(d => ({ rule: d.rule, reason: d.reason, line: d.range.start.line })),
    ...(expected ? { expectedOutput: expected.body } : {}),
  };
}

export const runPlanFeature: Feature = {
  capabilities: {},
  register({ connection, store }) {
    connection.onRequest(RUN_PLAN_REQUEST, async (p: RunPlanParams): Promise<RunPlan> => {
      const variables = p.variables ? new Set(p.variables) : store.envVariables;
      // The findings come from the analysis worker; an edit while it answers means a new try, so
      // the model and the findings are always of one version.
      for (let attempt = 0; attempt < 5; attempt++) {
        const model = store.model(p.uri);
        const findings = model && store.planFindings(p.uri, variables);
        if (!model || !findings) break;
        const analysis = await findings;
        if (store.documents.get(p.uri)?.version === model.version) return planSteps(model, analysis, p);
      }
      return { uri: p.uri, error: 'This runbook is not open in the editor.' };
    });
  },
};

// Choices a runbook declares for its own placeholders, in its front matter:
//   ---
//   choices:
//     pod: kubectl get pods -o name
//   ---
// The same read-only rule as the environments file; an entry that breaks it is left out (the
// placeholder is then asked as text). The environment's own choices win over these.
import { parse } from 'yaml';
import type { RunbookModel } from '../model/types';
import { readOnlyProblem } from './readOnly';

export function frontMatterChoices(model: Pick<RunbookModel, 'frontMatter'>): Record<string, string> {
  const fm = model.frontMatter;
  if (!fm || fm.kind !== 'yaml' || !/^choices\s*:/m.test(fm.value)) return {};
  let data: unknown;
  try { data = parse(fm.value, { maxAliasCount: 10 }); } catch { return {}; }
  const choices = (data as { choices?: unknown } | null)?.choices;
  if (!choices || typeof choices !== 'object' || Array.isArray(choices)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(choices as Record<string, unknown>)) {
    const name = k.replace(/^<(.*)>$/, '$1').trim();
    if (typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_ .-]*$/.test(name) && !readOnlyProblem(v.trim())) out[name] = v.trim();
  }
  return out;
}

// `choices:` of an environment: placeholder name → a read-only command run in the target whose
// output lines are offered in a quick pick (`pod: kubectl get pods -o name`). The command is
// run before the step is confirmed, so only commands that look and cannot change anything pass.
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Report } from './parse';
import { readOnlyProblem } from './readOnly';

const NAME_RE = /^<?([A-Za-z_][A-Za-z0-9_ .-]*)>?$/;

export function readChoices(v: Node | null, at: Node, report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(v)) { report(v ?? at, '`choices` must map placeholder names to read-only commands (`pod: kubectl get pods -o name`).'); return out; }
  for (const p of v.items as Pair<Node, Node>[]) {
    const key = isScalar(p.key) ? String(p.key.value) : '';
    const m = NAME_RE.exec(key);
    if (!m) { report(p.key, `\`${key}\` is not a placeholder name.`); continue; }
    const cmd = isScalar(p.value) && typeof p.value.value === 'string' ? p.value.value.trim() : '';
    const problem = cmd ? readOnlyProblem(cmd) : 'needs a command.';
    if (problem) { report(p.value ?? p.key, `Choices for \`${m[1]}\` ${problem}`); continue; }
    out[m[1].trim()] = cmd;
  }
  return out;
}

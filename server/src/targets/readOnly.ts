// Whether a choices command only reads: one pipeline of commands that look (readOnlyCommands.ts)
// and text filters, with no redirection, substitution, list or background job.
import { isReadOnlyCommand } from '../commands/readOnlyCommands';

const FILTERS = /^(?:sort|uniq|cut|tr|awk|head|tail|grep|egrep|column|xargs\s+-n\s*1\s+basename|sed(?![^|]*\s-i))\b/;

/** Why `cmd` is not accepted as read-only (ending in a full stop), or undefined. */
export function readOnlyProblem(cmd: string): string | undefined {
  if (/[;&<>`\n]|\$\(/.test(cmd)) return 'must be one read-only pipeline: no `;`, `&&`, redirections or `$(…)`.';
  const [first, ...filters] = cmd.split('|').map((s) => s.trim());
  if (!first || !isReadOnlyCommand(first)) return `must only read: \`${first}\` is not a command Runbook knows to be read-only (\`kubectl get\`, \`ls\`, \`cat\`, …).`;
  const bad = filters.find((f) => !FILTERS.test(f));
  if (bad !== undefined) return `may only filter after its first command: \`${bad}\` is not a text filter (sort, uniq, cut, tr, awk, grep, sed, head, tail).`;
  return undefined;
}

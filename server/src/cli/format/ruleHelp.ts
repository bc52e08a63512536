// The help a CI viewer shows for a code: the severity policy's reason (why the code has the
// severity it has, which says what the check is about), and a link where the check has one.
import type { Diagnostic } from 'vscode-languageserver-types';
import { policyFor } from '../../analysis/severityPolicy';

export interface RuleHelp { id: string; text: string; uri?: string }

export function ruleHelp(code: string, sample?: Diagnostic): RuleHelp {
  const policy = policyFor(code);
  const sc = /^SC\d{4}$/.test(code);
  const text = sc ? `ShellCheck ${code}: ${policy?.why ?? 'a ShellCheck finding'}.`
    : policy ? `${code}: ${policy.why}.` : `${code}: a Runbook check.`;
  const uri = sample?.codeDescription?.href ?? (sc ? `https://www.shellcheck.net/wiki/${code}` : undefined);
  return { id: code, text, ...(uri ? { uri } : {}) };
}

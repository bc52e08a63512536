// The severity policy as data: every diagnostic code, its default severity, and why. The README's
// "Severity policy" section states the rule; test/unit/analysis/severityPolicy.test.ts checks that
// every code the server can emit is here and is only ever emitted at a severity listed here.
//   error        certain to fail or do harm when run: a syntax error in a block that really is
//                that language, an unclosed fence, a file Prometheus or this extension will reject
//   warning      likely wrong, or dangerous
//   information, hint   style, suggestions, things worth knowing
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface CodePolicy {
  severity: SeverityName;
  why: string;
  /** Other severities the code is given in named cases (never a more certain one without cause). */
  also?: readonly { severity: SeverityName; when: string }[];
}

const inline = { severity: 'warning', when: 'in inline code, which may be prose that only resembles PromQL' } as const;

export const severityPolicy: Readonly<Record<string, CodePolicy>> = {
  'markdown/unclosed-fence': { severity: 'error', why: 'the fence swallows the rest of its list item or file: the steps after it are not what the author wrote' },
  'shell/syntax': { severity: 'error', why: 'bash rejects the block: running it fails before any command runs' },
  'powershell/syntax': { severity: 'error', why: 'PowerShell rejects the block' },
  'verify/options': { severity: 'error', why: 'a verification block whose options cannot be used: running it is refused' },
  'json/syntax': { severity: 'error', why: 'a JSON document that no parser accepts, and not an elided example or a fragment', also: [{ severity: 'warning', when: 'comments in otherwise valid JSON: a deliberate annotation that fails only where pasted as JSON' }] },
  'yaml/syntax': { severity: 'error', why: 'a YAML document that no parser accepts, and not an elided example' },
  'promql/syntax': { severity: 'error', why: 'Prometheus rejects the expression', also: [inline, { severity: 'warning', when: 'a Grafana template variable ($__rate_interval) that Grafana replaces before Prometheus sees it' }, { severity: 'warning', when: 'a line that looks like query output (`series{…} 1`) pasted under the query' }] },
  'logql/syntax': { severity: 'error', why: 'Loki rejects the query (lezer-logql is the grammar of Loki\'s own query editor)', also: [{ severity: 'warning', when: 'a Grafana template variable ($__auto, ${app}) that Grafana replaces before Loki sees it' }] },
  'promql/type': { severity: 'error', why: 'Prometheus rejects the expression (wrong argument or operand type)', also: [inline] },
  'promql/arity': { severity: 'error', why: 'Prometheus rejects a call with the wrong number of arguments', also: [inline] },
  'promql/unknown-function': { severity: 'error', why: 'Prometheus rejects a call to a function it does not have', also: [inline, { severity: 'warning', when: 'a function Prometheus 3 renamed (holt_winters), which still works on Prometheus 2' }] },
  'alert/name': { severity: 'error', why: 'Prometheus refuses to load a rule without a valid `alert:` or `record:` name' },
  'alert/expr': { severity: 'error', why: 'Prometheus refuses to load a rule without a string `expr:`' },
  'alert/for': { severity: 'error', why: 'Prometheus refuses to load a rule with an invalid `for:` duration' },
  'alert/shape': { severity: 'error', why: 'Prometheus refuses to load labels or annotations that are not maps', also: [{ severity: 'warning', when: 'a rule field Prometheus does not know, often a typo' }] },
  'alert/runbook-link': { severity: 'warning', why: 'a rule\'s runbook_url to a runbook or heading that is not there: whoever is paged lands nowhere (or on the wrong section)' },
  'alert/no-rule': { severity: 'information', why: 'a section titled after an alert that no known rule defines: often a renamed alert, but the rule may live elsewhere; said only when the workspace\'s rules link to its runbooks' },
  'alert/severity': { severity: 'warning', why: 'an unknown severity label is likely a typo that routes the alert nowhere' },
  'environments': { severity: 'error', why: 'environments.yaml that cannot be loaded: no environment can be used', also: [{ severity: 'warning', when: 'an unknown key, likely a typo, ignored' }, { severity: 'warning', when: 'an ssh target that trusts a new host\'s key on first use (StrictHostKeyChecking accept-new)' }] },
  'markdown/fence-in-block': { severity: 'warning', why: 'a fence line with a language inside a block is likely a mis-written close: the steps after it are swallowed' },
  'block/language-mismatch': { severity: 'warning', why: 'the fence says shell but the content is not: it would be checked and run as the wrong thing', also: [{ severity: 'hint', when: 'an untagged block that reads as shell or PromQL: a suggestion to tag it' }] },
  'command/dangerous': { severity: 'warning', why: 'the command deletes, kills or escalates: worth a second look before running' },
  'promql/rate-window': { severity: 'warning', why: 'a rate window under two scrape intervals often has too few samples: likely wrong' },
  'runbook/too-large': { severity: 'warning', why: 'the file is not analysed at all, so nothing in it is checked' },
  'runbook/binary': { severity: 'warning', why: 'the file is not analysed at all, so nothing in it is checked' },
  'promql/too-deep': { severity: 'warning', why: 'the expression is not checked at all, so nothing in it is' },
  'runbook/more-findings': { severity: 'information', why: 'a count of findings past the per-block or per-document cap, not a finding' },
  'runbook/too-deep': { severity: 'warning', why: 'the file is not analysed at all, so nothing in it is checked' },
  'runbook/check-failed': { severity: 'information', why: 'a check could not run: says nothing about the runbook itself' },
  'promql/rate-non-counter': { severity: 'warning', why: 'rate(), irate() and increase() on a gauge (by the metric\'s metadata) read every drop as a counter reset: the result is wrong' },
  'metric/unknown-label': { severity: 'information', why: 'no series of the metric has that label in the chosen environment now, so the selector matches nothing there; it may exist elsewhere' },
  'metric/unknown': { severity: 'information', why: 'the chosen environment has no such series now; it may exist elsewhere' },
  'powershell/unchecked': { severity: 'information', why: 'no PowerShell is installed to check the block' },
  'placeholder': { severity: 'hint', why: 'a value to fill in before running: the Run lens asks for it', also: [{ severity: 'information', when: 'a $VAR that no earlier step or environment sets' }] },
  'json/fragment': { severity: 'hint', why: 'a piece of a larger document (`"key": {`, objects one after another) is documentation, not broken JSON' },
  'yaml/elision': { severity: 'hint', why: 'an example with parts left out (a `...`, `…` or `# ...` line) is documentation, not broken YAML' },
  'json/elision': { severity: 'hint', why: 'an example with parts left out (`...`) is documentation, not broken JSON' },
  'markdown/unfenced-command': { severity: 'hint', why: 'a suggestion: a command left in prose gets no checks and no Run lens' },
  'promql/unfenced': { severity: 'hint', why: 'a suggestion: PromQL in prose gets no checks' },
};

/**
 * ShellCheck codes (SCnnnn) are one family: ShellCheck's own level picks the severity, capped by
 * the policy (its `error` level includes likely mistakes that are not certain failures, and
 * parse errors are reported once, as `shell/syntax`).
 */
export const shellcheckPolicy: CodePolicy = {
  severity: 'warning',
  why: 'ShellCheck finds likely bugs; certain syntax failures are `shell/syntax`',
  also: [{ severity: 'information', when: 'ShellCheck level info' }, { severity: 'hint', when: 'ShellCheck level style' }],
};

export function policyFor(code: string): CodePolicy | undefined {
  return /^SC\d{4}$/.test(code) ? shellcheckPolicy : severityPolicy[code];
}

export function allowedSeverities(code: string): SeverityName[] {
  const p = policyFor(code);
  return p ? [p.severity, ...(p.also ?? []).map((a) => a.severity)] : [];
}

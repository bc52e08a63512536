// `alert/runbook-link` (a rule's runbook_url to a missing runbook or heading) and `alert/no-rule`
// (a heading titled after an alert that no known rule defines), as LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { resolveRunbookUrl } from './linkTarget';
import { linkProblem } from './linkCheck';
import { alertNameOfHeading } from './alertHeadings';
import type { RuleFact, TextSpot } from './ruleLines';
import type { LinkView } from './workspaceLinks';

export const LINK_CODE = 'alert/runbook-link';
export const NO_RULE_CODE = 'alert/no-rule';

const rangeOf = (s: TextSpot): Range => ({ start: { line: s.line, character: s.char }, end: { line: s.line, character: s.endChar } });

export function linkDiagnostics(rules: readonly RuleFact[], sourcePath: string, view: LinkView): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of rules) {
    if (!r.link) continue;
    const problem = linkProblem(resolveRunbookUrl(r.link.url, sourcePath, view), view.titlesOf, view.roots[0]);
    if (problem) out.push({ range: rangeOf(r.link), severity: DiagnosticSeverity.Warning, source: 'runbook', code: LINK_CODE, message: `${problem} (alert ${r.name})` });
  }
  return out;
}

/** Whether the known rules are this workspace's: at least one links to one of its runbooks. */
export function rulesLinkHere(links: Iterable<{ url: string; sourcePath: string }>, view: LinkView): boolean {
  for (const l of links) if (resolveRunbookUrl(l.url, l.sourcePath, view).kind === 'runbook') return true;
  return false;
}

/**
 * Headings titled after an alert no known rule defines. Only said when the known rules are this
 * workspace's own (see rulesLinkHere): a runbook collection without its rules (the field corpus
 * is one) would otherwise get an information on every alert it documents.
 */
export function noRuleDiagnostics(sections: readonly { title: string; headingRange: Range }[], known: ReadonlySet<string>, where: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of sections) {
    const name = alertNameOfHeading(s.title);
    if (!name || known.has(name)) continue;
    out.push({
      range: s.headingRange, severity: DiagnosticSeverity.Information, source: 'runbook', code: NO_RULE_CODE,
      message: `No alerting rule named ${name} is known (${known.size} rule${known.size === 1 ? '' : 's'} in ${where}): renamed or removed? Its alerts would not link to this section.`,
    });
  }
  return out;
}

// Where an alert is written in the workspace: the rules that define it (rule files and runbook
// rule blocks) and the headings titled after it or that a rule's runbook_url lands on.
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { RuleCatalog } from './ruleCatalog';
import { alertNameOfHeading } from './alertHeadings';
import { resolveRunbookUrl, type LinkWorkspace } from './linkTarget';
import { sectionOfAnchor } from './linkCheck';

export interface AlertLocation { uri: string; line: number; char: number; endChar: number }

export function ruleLocations(catalog: RuleCatalog, name: string): AlertLocation[] {
  return catalog.byName(name).map((r) => ({ uri: r.uri, line: r.fact.line, char: r.fact.char, endChar: r.fact.endChar }));
}

export function sectionLocations(index: WorkspaceIndex, catalog: RuleCatalog, name: string, ws: LinkWorkspace): AlertLocation[] {
  const out: AlertLocation[] = [];
  const seen = new Set<string>();
  const add = (l: AlertLocation) => { const k = `${l.uri}:${l.line}`; if (!seen.has(k)) { seen.add(k); out.push(l); } };
  for (const uri of [...index.uris()].sort()) {
    for (const s of index.facts(uri)?.sections ?? []) if (alertNameOfHeading(s.title) === name) add({ uri, line: s.line, char: s.char, endChar: s.endChar });
  }
  for (const r of catalog.byName(name)) {
    if (!r.fact.link) continue;
    const t = resolveRunbookUrl(r.fact.link.url, URI.parse(r.uri).fsPath, ws);
    if (t.kind !== 'runbook') continue;
    const uri = URI.file(t.path).toString();
    const sections = index.facts(uri)?.sections ?? [];
    const i = t.anchor ? sectionOfAnchor(sections.map((s) => s.title), t.anchor) : 0;
    const s = sections[i];
    if (s) add({ uri, line: s.line, char: s.char, endChar: s.endChar });
  }
  return out;
}

// Document links from a rule's `runbook_url` in a runbook's rule block to the section it lands on
// (a click opens the runbook at that heading).
import { URI } from 'vscode-uri';
import type { DocumentLink } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import { indexService } from '../../index/service';
import { scanRunbook } from '../../index/lineScan';
import { linkView } from '../../alertLinks/workspaceLinks';
import { resolveRunbookUrl } from '../../alertLinks/linkTarget';
import { sectionOfAnchor } from '../../alertLinks/linkCheck';

export const documentLinksFeature: Feature = {
  capabilities: { documentLinkProvider: { resolveProvider: false } },
  register(ctx) {
    const service = indexService(ctx);
    ctx.connection.onDocumentLinks((p): DocumentLink[] => {
      const doc = ctx.store.documents.get(p.textDocument.uri);
      if (!doc || doc.languageId !== 'markdown' || !p.textDocument.uri.startsWith('file:')) return [];
      const rules = scanRunbook(doc.getText()).rules ?? [];
      if (!rules.length) return [];
      const self = URI.parse(p.textDocument.uri).fsPath;
      const view = linkView(service.index, service.roots, ctx.settings().alerts.runbookUrlPrefixes);
      const links: DocumentLink[] = [];
      for (const r of rules) {
        if (!r.link) continue;
        const t = resolveRunbookUrl(r.link.url, self, view);
        if (t.kind !== 'runbook') continue;
        const titles = t.path === self ? ctx.store.model(p.textDocument.uri)?.sections.map((s) => s.title) : view.titlesOf(t.path);
        const sections = t.path === self ? ctx.store.model(p.textDocument.uri)?.sections.map((s) => s.headingRange.start.line) : service.index.facts(URI.file(t.path).toString())?.sections.map((s) => s.line);
        const i = t.anchor && titles ? sectionOfAnchor(titles, t.anchor) : 0;
        const line = sections?.[i];
        const target = URI.file(t.path).with({ fragment: line !== undefined ? `L${line + 1}` : '' }).toString();
        links.push({ range: { start: { line: r.link.line, character: r.link.char }, end: { line: r.link.line, character: r.link.endChar } }, target, tooltip: `Open the runbook section for ${r.name}` });
      }
      return links;
    });
  },
};

// Workspace symbols: every section of every runbook in the workspace, from the index.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver/node';
import type { Feature } from '../featureContext';
import { indexService } from '../../index/service';

export const workspaceSymbolsFeature: Feature = {
  capabilities: { workspaceSymbolProvider: true },
  register(ctx) {
    const service = indexService(ctx);
    ctx.connection.onWorkspaceSymbol(p => {
      service.flush();
      return service.index.sections(p.query).map(({ uri, section: s, container }): SymbolInformation => ({
        name: s.title || '(untitled)',
        kind: SymbolKind.String,
        location: { uri, range: { start: { line: s.line, character: s.char }, end: { line: s.line, character: s.endChar } } },
        ...(container ? { containerName: container } : {}),
      }));
    });
  },
};

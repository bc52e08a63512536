// The workspace as link resolution sees it, from the index: its roots, its runbooks and their
// headings. Paths are file-system paths; the index speaks file URIs.
import { existsSync } from 'node:fs';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LinkWorkspace } from './linkTarget';
import type { TitlesOf } from './linkCheck';

export interface LinkView extends LinkWorkspace { titlesOf: TitlesOf }

export function linkView(index: WorkspaceIndex, roots: string[], prefixes: string[]): LinkView {
  const uriOf = (path: string) => URI.file(path).toString();
  return {
    roots,
    prefixes,
    runbooks: function* () { for (const u of index.uris()) if (u.startsWith('file:')) yield URI.parse(u).fsPath; },
    // Every Markdown file of the workspace is indexed: only other files cost a system call.
    exists: (path) => !!index.facts(uriOf(path)) || (!/\.(md|markdown)$/i.test(path) && existsSync(path)),
    titlesOf: (path) => index.facts(uriOf(path))?.sections.map((s) => s.title),
  };
}

// Peer for the Markdown layer: vscode-markdown-languageservice (what VS Code's own Markdown
// support runs), in-process with markdown-it as its parser, on an in-memory one-file workspace.
// In-process means no JSON-RPC cost for it, which favours the peer.
import MarkdownIt from 'markdown-it';
import { createLanguageService, DiagnosticLevel, githubSlugifier, type IMdLanguageService, type ITextDocument, type IWorkspace } from 'vscode-markdown-languageservice';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { measure, type Plan } from '../stats';
import type { BenchFile } from '../corpus';

const md = new MarkdownIt();

function service(docs: Map<string, ITextDocument>, changed = new Emitter<ITextDocument>()): IMdLanguageService {
  const workspace: IWorkspace = {
    get workspaceFolders() { return []; },
    // The service caches per document until told of a change, exactly as in VS Code.
    onDidChangeMarkdownDocument: changed.event,
    onDidCreateMarkdownDocument: new Emitter<ITextDocument>().event,
    onDidDeleteMarkdownDocument: new Emitter<URI>().event,
    async getAllMarkdownDocuments() { return docs.values(); },
    hasMarkdownDocument: (u: URI) => docs.has(u.toString()),
    async openMarkdownDocument(u: URI) { return docs.get(u.toString()); },
    async stat(u: URI) { return docs.has(u.toString()) ? { isDirectory: false } : undefined; },
    async readDirectory() { return []; },
  };
  const parser = { slugifier: githubSlugifier, tokenize: async (doc: ITextDocument) => md.parse(doc.getText(), {}) };
  return createLanguageService({ workspace, parser, logger: { level: 0, log: () => undefined } } as unknown as Parameters<typeof createLanguageService>[0]);
}

const options = {
  validateFileLinks: DiagnosticLevel.warning,
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.warning,
  validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
  ignoreLinks: [],
};

export interface PeerFigures { cold: number; keystroke: number }

export async function markdownLsFigures(f: BenchFile, plan: Plan, typing: Plan = plan): Promise<PeerFigures> {
  const token = new CancellationTokenSource().token;
  // Cold: a fresh service (empty caches) computing diagnostics for the file.
  const cold = await measure(plan, async () => {
    const docs = new Map<string, ITextDocument>();
    const doc = TextDocument.create(f.uri, 'markdown', 1, f.text);
    docs.set(f.uri, doc);
    const ls = service(docs);
    await ls.computeDiagnostics(doc, options, token);
    ls.dispose();
  });
  // Keystroke: the same service, a new version with one more character in the middle block.
  const docs = new Map<string, ITextDocument>();
  let doc = TextDocument.create(f.uri, 'markdown', 1, f.text);
  docs.set(f.uri, doc);
  const changed = new Emitter<ITextDocument>();
  const ls = service(docs, changed);
  await ls.computeDiagnostics(doc, options, token);
  let i = 0;
  const keystroke = await measure(typing, async () => {
    const at = { line: f.edit.line, character: f.edit.character + i++ };
    doc = TextDocument.update(doc as TextDocument, [{ range: { start: at, end: at }, text: 'x' }], doc.version + 1);
    docs.set(f.uri, doc);
    changed.fire(doc);
    await ls.computeDiagnostics(doc, options, token);
  });
  ls.dispose();
  return { cold, keystroke };
}

// Open documents and their latest analysis. Analysis runs off the event loop's current turn, so
// a burst of keystrokes is analysed once, and a result is dropped if a newer version arrived
// while it was computed (stale work never reaches the user).
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeText, type AnalyzeResult } from '../analysis/pipeline';
import { buildModel, emptyModel } from '../model/build';
import { prewarmChunks } from '../model/prewarm';
import { inputProblem } from '../analysis/inputGuard';
import { promqlFileDiagnostics } from '../promql/fileDiagnostics';
import type { RunbookModel } from '../model/types';
import type { Settings } from '../analysis/settings';
import { ENVIRONMENTS_FILE } from '../environments/load';

export interface DocState {
  version: number;
  model: RunbookModel;
  result?: AnalyzeResult;
}

type Listener = (uri: string, result: AnalyzeResult, pass: 'fast' | 'full') => void;

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocState>();
  private readonly pending = new Set<string>();
  private readonly listeners: Listener[] = [];
  envVariables: ReadonlySet<string> = new Set();

  constructor(private readonly settings: () => Settings) {
    this.documents.onDidOpen(e => this.schedule(e.document.uri));
    this.documents.onDidChangeContent(e => this.schedule(e.document.uri));
    this.documents.onDidClose(e => { this.states.delete(e.document.uri); this.pending.delete(e.document.uri); });
  }

  onAnalysed(listener: Listener): void { this.listeners.push(listener); }

  /** The model of an open document at its current version (built on demand, never stale). */
  model(uri: string): RunbookModel | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    let st = this.states.get(uri);
    if (!st || st.version !== doc.version) {
      // A file the pipeline refuses (too large, binary) gets an empty model too: the outline,
      // folding and lenses must not parse what the analysis declined to.
      // A `.promql` file is not Markdown: its `# comments` are not sections.
      const text = doc.getText();
      const model = inputProblem(text, this.settings()) || doc.languageId === 'promql'
        ? emptyModel(uri, doc.version)
        : buildModel(text, uri, doc.version);
      st = { version: doc.version, model };
      this.states.set(uri, st);
    }
    return st.model;
  }

  /** The latest finished analysis (may lag the text by one pending pass). */
  analysis(uri: string): AnalyzeResult | undefined { return this.states.get(uri)?.result; }

  reanalyseAll(): void { for (const d of this.documents.all()) this.schedule(d.uri); }

  private schedule(uri: string): void {
    // The environments file is YAML with its own diagnostics (features/environmentsFile.ts).
    if (this.pending.has(uri) || uri.endsWith(`/${ENVIRONMENTS_FILE}`)) return;
    this.pending.add(uri);
    setImmediate(() => { this.pending.delete(uri); void this.run(uri); });
  }

  private async run(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const current = () => this.documents.get(uri)?.version === version;
    if (doc.languageId === 'promql') {
      this.publish(uri, { model: this.model(uri)!, analysis: { diagnostics: promqlFileDiagnostics(doc.getText(), uri), metrics: [], placeholders: [], dangers: [] } }, 'full');
      return;
    }
    // A big cold document is parsed a slice at a time (half on the parse worker), so other
    // documents are not held up. After an edit every chunk but one is cached: no prewarm then.
    const text = doc.getText();
    const cold = !this.states.get(uri)?.result;
    if (cold && !inputProblem(text, this.settings()) && !(await prewarmChunks(text, () => !current()))) return;
    let fast: AnalyzeResult | undefined;
    for (const pass of ['fast', 'full'] as const) {
      const model = this.model(uri);
      if (!model || !current()) return;
      const result = await analyzeText(text, { uri, version, settings: this.settings(), envVariables: this.envVariables, includeSlow: pass === 'full', model, base: fast?.analysis });
      fast = result;
      if (!current()) return;
      this.publish(uri, result, pass);
      // The connection writes on its next turn: yield so the syntax diagnostics leave before the
      // ShellCheck pass walks every block of a big document.
      if (pass === 'fast') await new Promise(resolve => setImmediate(resolve));
    }
  }

  /** Keeps the result as the document's latest analysis and tells the features. */
  private publish(uri: string, result: AnalyzeResult, pass: 'fast' | 'full'): void {
    const st = this.states.get(uri);
    if (st) st.result = result;
    for (const l of this.listeners) l(uri, result, pass);
  }
}

export type { Diagnostic };

// Open documents and their latest analysis. The analysis runs on the analysis worker (offload/),
// so this thread stays free for requests: a 100,000-line block or a 4.8 MB runbook no longer
// holds up another document's folding or hover. One version per document is in flight at a time;
// a newer version cancels it (it stops at its next block) and goes next, so a burst of keystrokes
// is analysed once and stale results never reach the user. The model is built here only when a
// feature asks for it.
import { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pieceDocuments } from './pieceDocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { buildModel, emptyModel } from '../model/build';
import { inputProblem } from '../analysis/inputGuard';
import type { RunbookModel } from '../model/types';
import type { Settings } from '../analysis/settings';
import { ENVIRONMENTS_FILE } from '../environments/load';
import { startAnalyser, type Analyser, type AnalysisJob } from '../offload/analyser';
import type { AnalyseInput, Pass, PassResult, PlanFindings } from '../offload/protocol';

/** Below this a model builds in a few milliseconds on this thread. */
const EAGER_MODEL_CHARS = 256 * 1024;

export interface DocState {
  version: number;
  model: RunbookModel;
}

export type Published = PassResult;
type Listener = (uri: string, result: Published, pass: Pass) => void;

export class DocumentStore {
  // Edits to a multi-megabyte runbook must not copy it per keystroke (see pieceDocument.ts).
  readonly documents = new TextDocuments<TextDocument>(pieceDocuments);
  private readonly models = new Map<string, DocState>();
  private readonly results = new Map<string, Published>();
  private readonly pending = new Set<string>();
  private readonly running = new Map<string, AnalysisJob>();
  /** Documents to analyse again once their run in flight settles (a newer version or new settings). */
  private readonly again = new Set<string>();
  private readonly listeners: Listener[] = [];
  private readonly analyser: Analyser;
  envVariables: ReadonlySet<string> = new Set();

  constructor(private readonly settings: () => Settings, log: (message: string) => void = () => undefined) {
    this.analyser = startAnalyser(log);
    this.documents.onDidOpen(e => this.schedule(e.document.uri));
    this.documents.onDidChangeContent(e => this.schedule(e.document.uri));
    this.documents.onDidClose(e => {
      const uri = e.document.uri;
      this.models.delete(uri); this.results.delete(uri); this.pending.delete(uri); this.again.delete(uri);
      this.running.get(uri)?.cancel();
    });
  }

  /** Whether analysis runs off this thread (false: the worker could not start). */
  get offThread(): boolean { return this.analyser.offThread; }

  onAnalysed(listener: Listener): void { this.listeners.push(listener); }

  /** The model of an open document at its current version (built on demand, never stale). */
  model(uri: string): RunbookModel | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    let st = this.models.get(uri);
    if (!st || st.version !== doc.version) {
      // A file the pipeline refuses (too large, binary) gets an empty model too: the outline,
      // folding and lenses must not parse what the analysis declined to.
      // A `.promql` file is not Markdown: its `# comments` are not sections.
      const text = doc.getText();
      const model = inputProblem(text, this.settings()) || doc.languageId === 'promql'
        ? emptyModel(uri, doc.version)
        : buildModel(text, uri, doc.version);
      st = { version: doc.version, model };
      this.models.set(uri, st);
    }
    return st.model;
  }

  /** The latest published analysis (may lag the text by one pending pass). */
  analysis(uri: string): Published | undefined { return this.results.get(uri); }

  /** Placeholders and dangers of the current version under `envVariables`, for a run plan. */
  planFindings(uri: string, envVariables: ReadonlySet<string>): Promise<PlanFindings> | undefined {
    const input = this.input(uri, envVariables);
    return input && this.analyser.plan(input);
  }

  reanalyseAll(): void { for (const d of this.documents.all()) this.schedule(d.uri); }

  /** No more analysis: ShellCheck runs started by the worker are ended. */
  shutdown(): void { this.analyser.shutdown(); }

  private schedule(uri: string): void {
    // The environments file is YAML with its own diagnostics (features/environmentsFile.ts).
    if (this.pending.has(uri) || uri.endsWith(`/${ENVIRONMENTS_FILE}`)) return;
    // One run in flight per document: the one in flight is stale now, so it stops at its next
    // block, and this document goes again when it settles. A burst of edits thus never queues a
    // copy of a multi-megabyte text per keystroke.
    const inFlight = this.running.get(uri);
    if (inFlight) { inFlight.cancel(); this.again.add(uri); return; }
    this.pending.add(uri);
    setImmediate(() => { this.pending.delete(uri); this.run(uri); });
  }

  private input(uri: string, envVariables: ReadonlySet<string>): AnalyseInput | undefined {
    const doc = this.documents.get(uri);
    return doc && { uri, version: doc.version, languageId: doc.languageId, text: doc.getText(), settings: this.settings(), envVariables };
  }

  private run(uri: string): void {
    if (this.running.has(uri)) { this.again.add(uri); return; }
    const input = this.input(uri, this.envVariables);
    if (!input) return;
    const current = () => this.documents.get(uri)?.version === input.version;
    const job = this.analyser.start(input, (pass, result) => { if (current()) this.publish(uri, result, pass); });
    this.running.set(uri, job);
    // A small document's model is built now, while the worker analyses: the editor asks for its
    // outline, folding and lenses right away. A big one's waits until a feature needs it.
    if (input.text.length < EAGER_MODEL_CHARS) this.model(uri);
    void job.done.then(outcome => {
      this.running.delete(uri);
      // Asked again meanwhile, or the worker stopped (then this thread takes over).
      if ((this.again.delete(uri) || outcome === 'failed') && this.documents.get(uri)) this.schedule(uri);
    });
  }

  /** Keeps the result as the document's latest analysis and tells the features. */
  private publish(uri: string, result: Published, pass: Pass): void {
    this.results.set(uri, result);
    for (const l of this.listeners) l(uri, result, pass);
  }
}

export type { Diagnostic };

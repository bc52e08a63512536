// The one analysis pipeline behind the editor and the CLI: model, block analyzers (cached by
// content), then document analyzers. A failing check becomes a diagnostic, never a crash.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { blockOrigin, buildModel, emptyModel } from '../model/build';
import type { CodeBlock, RunbookModel } from '../model/types';
import { defaultSettings, type Settings } from './settings';
import type { Analysis, BlockAnalyzer, BlockFindings, DocFindings, Fix, TextEditDoc } from './types';
import { blockAnalyzers, documentAnalyzers } from './registry';
import { withoutSuppressed } from '../suppression/apply';
import { BodyMap } from './bodyMap';
import { analyzerKey, getCached, setCached } from './blockCache';
import { inputProblem } from './inputGuard';
import { parallelMinChars, parallelPrewarm } from '../model/parallelParse';
import { inOrder, mergeInOrder } from './positionOrder';
import { keptOnUnclosedBlock } from './unclosedCascade';

export interface AnalyzeOptions {
  uri?: string;
  version?: number;
  settings?: Settings;
  envVariables?: ReadonlySet<string>;
  /** Run slow analyzers (external processes) too. The editor runs them in a second pass. */
  includeSlow?: boolean;
  /** Reuse an already built model of the same text. */
  model?: RunbookModel;
  /**
   * The fast pass's result for this same text. With includeSlow, only the slow analyzers run and
   * their findings are added to it: the editor's second pass does not redo the first.
   */
  base?: Analysis;
  /**
   * True once a newer version of the document exists. Checked between blocks and between stages:
   * the run then stops with `AnalysisAbandoned` instead of finishing work nobody will see.
   */
  stale?: () => boolean;
}

/** Thrown by analyzeText when `stale()` turned true: the result would have been dropped anyway. */
export class AnalysisAbandoned extends Error {
  constructor() { super('analysis abandoned: a newer version of the document arrived'); }
}

export interface AnalyzeResult { model: RunbookModel; analysis: Analysis }

export async function analyzeText(text: string, opts: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const uri = opts.uri ?? 'file:///untitled.md';
  const settings = opts.settings ?? defaultSettings;
  const problem = inputProblem(text, settings);
  if (problem) {
    return { model: emptyModel(uri, opts.version ?? 0), analysis: { diagnostics: [problem], metrics: [], placeholders: [], dangers: [] } };
  }
  // A big cold document is parsed on both cores first (the parse worker fills the chunk cache;
  // small or cached documents return at once), so the CLI's cold check gets what the editor gets.
  const checkStale = () => { if (opts.stale?.()) throw new AnalysisAbandoned(); };
  if (!opts.model && text.length >= parallelMinChars) await parallelPrewarm(text);
  checkStale();
  const model = opts.model ?? buildModel(text, uri, opts.version ?? 0);
  checkStale();
  // Built only if a finding needs it (see BodyMap): its line table costs a pass over the document.
  let lazyDoc: TextDocument | undefined;
  const source = { text, doc: () => (lazyDoc ??= TextDocument.create(uri, 'markdown', model.version, text)) };
  const analysis: Analysis = { diagnostics: [], metrics: [], placeholders: [], dangers: [] };
  const settingsKey = JSON.stringify(settings);
  const base = opts.includeSlow ? opts.base : undefined;
  const analyzers = blockAnalyzers.filter(a => base ? a.slow : opts.includeSlow || !a.slow);

  // Cache hits are merged synchronously (a keystroke hits for every block but one); only misses
  // run, concurrently, and identical blocks share one run. Findings are merged in block order, so
  // the result does not depend on which analyzer finishes first.
  const keys = new Map(analyzers.map(a => [a, analyzerKey(a.id, settingsKey)]));
  const runKey = [...keys.values()].join('\u0001');
  const pending: { block: CodeBlock; findings: (BlockFindings | Promise<BlockFindings>)[] }[] = [];
  const inFlight = new Map<string, Promise<BlockFindings>>();
  for (const block of model.blocks) {
    checkStale();
    // A block placed from the same chunk layout, at the same line and index, under the same
    // analyzers and settings, has exactly last time's mapped findings.
    const done = memoFor(block, runKey);
    if (done) { pending.push({ block, findings: [] }); continue; }
    const entry: (typeof pending)[number] = { block, findings: [] };
    for (const analyzer of analyzers) {
      if (!analyzer.appliesTo(block)) continue;
      const key = keys.get(analyzer)!;
      const hit = getCached(block, key);
      if (hit) { entry.findings.push(hit); continue; }
      const flight = `${key}\0${block.kind}\0${block.lang}\0${block.info}\0${block.body}`;
      let run = inFlight.get(flight);
      if (!run) inFlight.set(flight, run = runBlockAnalyzer(analyzer, block, settings, key));
      entry.findings.push(run);
    }
    pending.push(entry);
  }
  if (inFlight.size) await Promise.all(inFlight.values());
  checkStale();
  for (const { block, findings } of pending) {
    const memo = memoFor(block, runKey);
    if (memo) { append(analysis, memo); continue; }
    const mapped: Analysis = { diagnostics: [], metrics: [], placeholders: [], dangers: [] };
    let map: BodyMap | undefined;
    for (const f of findings) {
      const result = f instanceof Promise ? await f : f;
      if (!hasFindings(result)) continue;
      map ??= new BodyMap(block, source);
      append(mapped, mapFindings(result, map, block));
    }
    remember(block, runKey, mapped);
    append(analysis, mapped);
  }

  // Each block's findings are in order (see remember) and blocks are in document order, so the
  // block part is in order; the check below is one pass and keeps this exact if that ever fails.
  for (const list of [analysis.diagnostics, analysis.metrics, analysis.placeholders, analysis.dangers] as { range: Diagnostic['range'] }[][]) inOrder(list);
  const runs: Analysis[] = [base ?? { diagnostics: [], metrics: [], placeholders: [], dangers: [] }];
  for (const analyzer of base ? [] : documentAnalyzers) {
    checkStale();
    let found: DocFindings;
    try {
      found = analyzer.analyze({ model, text, settings, blockResults: analysis, envVariables: opts.envVariables ?? new Set(), document: source.doc });
    } catch (e) {
      found = { diagnostics: [internalError(analyzer.id, e, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })] };
    }
    runs.push({ diagnostics: inOrder(found.diagnostics ?? []), metrics: inOrder(found.metrics ?? []), placeholders: inOrder(found.placeholders ?? []), dangers: inOrder(found.dangers ?? []) });
  }
  const merged: Analysis = {
    // What a `<!-- runbook-disable … -->` directive silences is not reported (suppression/).
    diagnostics: withoutSuppressed(mergeInOrder([analysis.diagnostics, ...runs.map(r => r.diagnostics)]), text, model),
    metrics: mergeInOrder([analysis.metrics, ...runs.map(r => r.metrics)]),
    placeholders: mergeInOrder([analysis.placeholders, ...runs.map(r => r.placeholders)]),
    dangers: mergeInOrder([analysis.dangers, ...runs.map(r => r.dangers)]),
  };
  return { model, analysis: merged };
}

function hasFindings(f: BlockFindings): boolean {
  return !!(f.diagnostics?.length || f.metrics?.length || f.placeholders?.length || f.dangers?.length);
}

async function runBlockAnalyzer(analyzer: BlockAnalyzer, block: RunbookModel['blocks'][number], settings: Settings, key: string): Promise<BlockFindings> {
  try {
    const findings = await analyzer.analyze(block, settings);
    setCached(block, key, findings);
    return findings;
  } catch (e) {
    return { diagnostics: [{ span: { start: 0, end: 0 }, severity: DiagnosticSeverity.Information, code: 'runbook/check-failed', message: `The ${analyzer.id} check could not run on this block: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/**
 * Each block's findings mapped to document ranges, per chunk-layout block. A keystroke that adds
 * no line leaves every other block at its line and index, so their mapped findings are reused as
 * they are instead of being looked up, re-mapped and re-allocated (tens of thousands of objects
 * per keystroke on a 2 MB runbook).
 */
interface Memo { line: number; index: number; mapped: Analysis }
/** Per block origin, one memo per analyzer run (the editor alternates a fast and a full pass). */
const memos = new WeakMap<object, Map<string, Memo>>();

function memoFor(block: CodeBlock, runKey: string): Analysis | undefined {
  const origin = blockOrigin(block);
  const m = origin && memos.get(origin)?.get(runKey);
  return m && m.line === block.bodyRange.start.line && m.index === block.index ? m.mapped : undefined;
}

function remember(block: CodeBlock, runKey: string, mapped: Analysis): void {
  // In document order once here, so that the whole block part needs no sort per keystroke.
  inOrder(mapped.diagnostics); inOrder(mapped.metrics); inOrder(mapped.placeholders); inOrder(mapped.dangers);
  const origin = blockOrigin(block);
  if (!origin) return;
  let byRun = memos.get(origin);
  if (!byRun) memos.set(origin, byRun = new Map());
  // Settings changes would otherwise pile up keys: keep the latest few runs only.
  if (byRun.size >= 4 && !byRun.has(runKey)) byRun.delete(byRun.keys().next().value as string);
  byRun.set(runKey, { line: block.bodyRange.start.line, index: block.index, mapped });
}

function append(analysis: Analysis, m: Analysis): void {
  for (const d of m.diagnostics) analysis.diagnostics.push(d);
  for (const x of m.metrics) analysis.metrics.push(x);
  for (const x of m.placeholders) analysis.placeholders.push(x);
  for (const x of m.dangers) analysis.dangers.push(x);
}

function mapFindings(f: BlockFindings, map: BodyMap, block: CodeBlock): Analysis {
  const out: Analysis = { diagnostics: [], metrics: [], placeholders: [], dangers: [] };
  for (const d of f.diagnostics ?? []) {
    if (!keptOnUnclosedBlock(block, d)) continue;
    const fixes: Fix<TextEditDoc>[] = (d.fixes ?? []).map(fix => ({
      title: fix.title,
      isPreferred: fix.isPreferred,
      edits: fix.edits.flatMap(e => 'infoString' in e
        ? (block.infoRange ? [{ range: block.infoRange, newText: e.infoString }] : [])
        : [{ range: map.range(e.span), newText: map.insertion(e.span.start, e.newText) }]),
    }));
    out.diagnostics.push({
      range: map.range(d.span), severity: d.severity, code: d.code, source: d.source ?? 'runbook', message: d.message,
      ...(d.codeDescriptionHref ? { codeDescription: { href: d.codeDescriptionHref } } : {}),
      ...(fixes.length ? { data: { fixes } } : {}),
    });
  }
  for (const m of f.metrics ?? []) {
    const { span, exprSpan, ...rest } = m;
    out.metrics.push({ ...rest, range: map.range(span), ...(exprSpan ? { exprRange: map.range(exprSpan) } : {}), blockIndex: block.index });
  }
  for (const p of f.placeholders ?? []) {
    const { span, ...rest } = p;
    out.placeholders.push({ ...rest, range: map.range(span), blockIndex: block.index });
  }
  for (const d of f.dangers ?? []) {
    const { span, ...rest } = d;
    out.dangers.push({ ...rest, range: map.range(span), blockIndex: block.index });
  }
  return out;
}

function internalError(id: string, e: unknown, range: Diagnostic['range']): Diagnostic {
  return { range, severity: DiagnosticSeverity.Information, code: 'runbook/check-failed', source: 'runbook', message: `The ${id} check could not run: ${e instanceof Error ? e.message : String(e)}` };
}

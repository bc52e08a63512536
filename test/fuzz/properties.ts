// The properties every document must satisfy, run as one case: analysis never throws (and no
// check fails internally), every range is well formed, the chunked model equals the whole parse,
// analysis is deterministic with warm and cold caches, and an edit sequence applied incrementally
// ends exactly where a from-scratch analysis of the final text does.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type AnalyzeResult } from '../../server/src/analysis/pipeline';
import { buildModel } from '../../server/src/model/build';
import { clearChunkCache } from '../../server/src/model/chunkCache';
import { clearBlockCache } from '../../server/src/analysis/blockCache';
import { rangeProblems } from './ranges';
import { batches, concrete, type Batch } from './edits';
import { document } from './markdown';

const uri = 'file:///fuzz/runbook.md';

export interface CaseOptions { includeSlow?: boolean; loneCr?: boolean; strict?: boolean }

/** Where two values first differ, as a path with both sides (short enough to read). */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  const show = (v: unknown) => { const s = JSON.stringify(v); return s && s.length > 300 ? s.slice(0, 300) + '…' : s; };
  return `${path}: ${show(a)} vs ${show(b)}`;
}

function cold(): void { clearChunkCache(); clearBlockCache(); }

async function analyse(text: string, version: number, opts: CaseOptions, label: string, problems: string[]): Promise<AnalyzeResult | undefined> {
  let result: AnalyzeResult;
  try {
    result = await analyzeText(text, { uri, version, includeSlow: opts.includeSlow, model: buildModel(text, uri, version) });
  } catch (e) {
    problems.push(`${label}: analysis threw ${e instanceof Error ? e.stack : String(e)}`);
    return undefined;
  }
  for (const d of result.analysis.diagnostics) if (d.code === 'runbook/check-failed') problems.push(`${label}: a check crashed: ${d.message}`);
  for (const p of rangeProblems(text, result, opts.strict)) problems.push(`${label}: ${p}`);
  return result;
}

export async function checkDocument(text: string, edits: Batch[], opts: CaseOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  let chunked, whole;
  try {
    chunked = buildModel(text, uri, 1);
    whole = buildModel(text, uri, 1, { chunked: false });
  } catch (e) {
    return [`buildModel threw ${e instanceof Error ? e.stack : String(e)}`];
  }
  const d = firstDifference(chunked, whole);
  if (d) problems.push(`chunked model differs from whole parse at ${d}`);

  const warm = await analyse(text, 1, opts, 'warm', problems);
  cold();
  const fresh = await analyse(text, 1, opts, 'cold', problems);
  // Warm (caches filled by earlier cases) against cold: determinism and no stale cache entries.
  if (warm && fresh) { const x = firstDifference(warm, fresh); if (x) problems.push(`warm-cache analysis differs from cold (not deterministic) at ${x}`); }

  // The editor path: TextDocument.update with incremental changes, then re-analysis with every
  // cache warm from the previous versions.
  let doc = TextDocument.create(uri, 'markdown', 1, text);
  let last: AnalyzeResult | undefined;
  for (const batch of edits) {
    doc = TextDocument.update(doc, concrete(doc, batch), doc.version + 1);
    last = await analyse(doc.getText(), doc.version, opts, `after edit v${doc.version}`, problems);
  }
  if (last) {
    cold();
    const scratch = await analyse(doc.getText(), doc.version, opts, 'final from scratch', problems);
    const x = scratch && firstDifference(last, scratch);
    if (x) problems.push(`incremental result differs from a from-scratch analysis at ${x}`);
  }
  return problems;
}

/** The property as fast-check sees it: a document plus an edit sequence. */
export function fuzzProperty(opts: CaseOptions = {}) {
  const doc = document({ loneCr: opts.loneCr ?? true });
  return fc.asyncProperty(doc, batches(doc), async (text, edits) => {
    const problems = await checkDocument(text, edits, opts);
    if (problems.length) throw new Error(problems.slice(0, 8).join('\n'));
  });
}

// The editor's two passes over one document version, wherever they run (the analysis worker, or
// the main thread when no worker could start): syntax first, then the slow checks added to it.
// Each pass hands on only what the main thread publishes, capped, never the model.
import { analyzeText, AnalysisAbandoned } from '../analysis/pipeline';
import { capDiagnostics } from '../analysis/diagnosticCap';
import { promqlFileDiagnostics } from '../promql/fileDiagnostics';
import type { Analysis } from '../analysis/types';
import type { RunbookModel } from '../model/types';
import { plainSuppressions } from '../suppression/plain';
import { alertNameOfHeading } from '../alertLinks/alertHeadings';
import { scanRunbook } from '../index/lineScan';
import type { AlertLinkFacts, AnalyseInput, Pass, PassResult, PlanFindings } from './protocol';

/** Resolves 'abandoned' when `stale()` turned true before the last pass was handed on. */
export async function runPasses(input: AnalyseInput, stale: () => boolean, emit: (pass: Pass, r: PassResult) => void | Promise<void>): Promise<'done' | 'abandoned'> {
  const { uri, version, text } = input;
  if (input.languageId === 'promql') {
    await emit('full', { uri, version, diagnostics: promqlFileDiagnostics(text, uri), metrics: [], suppressed: { file: [], blocks: [] } });
    return 'done';
  }
  let fast: Analysis | undefined;
  let built: RunbookModel | undefined;
  try {
    for (const pass of ['fast', 'full'] as const) {
      const { model, analysis } = await analyzeText(text, { uri, version, settings: input.settings, envVariables: input.envVariables, includeSlow: pass === 'full', base: fast, model: built, stale });
      fast = analysis;
      built = model;
      if (stale()) return 'abandoned';
      const suppressed = plainSuppressions(text, model);
      const alertLinks = pass === 'full' ? alertLinkFacts(text, model) : undefined;
      if (stale()) return 'abandoned';
      await emit(pass, { uri, version, diagnostics: capDiagnostics(analysis.diagnostics, model.blocks), metrics: analysis.metrics, suppressed, ...(alertLinks ? { alertLinks } : {}) });
    }
  } catch (e) {
    if (e instanceof AnalysisAbandoned) return 'abandoned';
    throw e;
  }
  return 'done';
}

function alertLinkFacts(text: string, model: RunbookModel): AlertLinkFacts {
  return {
    titles: model.sections.map(s => s.title),
    alertHeadings: model.sections.filter(s => alertNameOfHeading(s.title)).map(s => ({ title: s.title, headingRange: s.headingRange })),
    rules: scanRunbook(text).rules ?? [],
  };
}

/** Placeholders and dangers of one version under the given environment variables (a run plan). */
export async function planFindings(input: AnalyseInput): Promise<PlanFindings> {
  const { analysis } = await analyzeText(input.text, { uri: input.uri, version: input.version, settings: input.settings, envVariables: input.envVariables, includeSlow: false });
  return { placeholders: analysis.placeholders, dangers: analysis.dangers };
}

// Every check the pipeline runs, in one list. Each feature area adds its analyzers here and
// nowhere else, so the CLI and the editor always run the same checks.
import type { BlockAnalyzer, DocumentAnalyzer } from './types';
import { unclosedFence } from '../markdown/unclosedFence';
import { fenceInBlock } from '../markdown/fenceInBlock';
import { promqlBlockAnalyzer } from '../promql/blockAnalyzer';
import { shellPromqlAnalyzer } from '../promql/shellAnalyzer';
import { alertRulesAnalyzer } from '../alerts/yamlAnalyzer';
import { promqlInlineAnalyzer } from '../promql/inlineAnalyzer';
import { logqlBlockAnalyzer } from '../logql/blockAnalyzer';
import { shellLogqlAnalyzer } from '../logql/shellQueries';

import { shellSyntax } from '../shell/syntaxAnalyzer';
import { shellPlaceholders } from '../shell/placeholderAnalyzer';
import { shellcheckAnalyzer } from '../shell/shellcheckAnalyzer';
import { variablePlaceholders } from '../shell/variableAnalyzer';
import { languageMismatch } from '../blocks/languageMismatch';
import { jsonSyntax } from '../blocks/jsonSyntax';
import { promqlUnderShell } from '../blocks/promqlUnderShell';
import { dataUnderShell } from '../blocks/dataUnderShell';
import { consoleRequestBodies } from '../blocks/consoleRequestBodies';
import { yamlSyntax } from '../blocks/yamlSyntax';
import { powershellSyntax, powershellUnchecked } from '../blocks/powershell';
import { dangerousCommands } from '../commands/dangerous';
import { unfencedCommands } from '../commands/unfenced';
import { verifyOptions } from '../verify/optionsAnalyzer';

export const blockAnalyzers: BlockAnalyzer[] = [
  shellSyntax,
  shellPlaceholders,
  shellcheckAnalyzer,
  languageMismatch,
  jsonSyntax,
  consoleRequestBodies,
  promqlUnderShell,
  dataUnderShell,
  yamlSyntax,
  powershellSyntax,
  dangerousCommands,
  promqlBlockAnalyzer,
  shellPromqlAnalyzer,
  alertRulesAnalyzer,
  logqlBlockAnalyzer,
  shellLogqlAnalyzer,
];

export const documentAnalyzers: DocumentAnalyzer[] = [
  variablePlaceholders,
  powershellUnchecked,
  unfencedCommands,
  unclosedFence,
  fenceInBlock,
  promqlInlineAnalyzer,
  verifyOptions,
];

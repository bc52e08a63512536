// Every LSP feature the server offers. Adding a feature is one file and one line here.
import type { Feature } from '../featureContext';
import { diagnosticsFeature } from './diagnostics';
import { symbolsFeature } from './symbols';
import { foldingFeature } from './folding';
import { codeActionsFeature } from './codeActions';
import { codeLensFeature } from './codeLens';
import { workspaceSymbolsFeature } from './workspaceSymbols';
import { referencesFeature } from './references';
import { definitionFeature } from './definition';
import { runStateFeature } from './runState';
import { runPlanFeature } from './runPlan';
import { environmentsFileFeature } from './environmentsFile';
import { hoverFeature } from './hover';
import { completionFeature } from './completion';
import { unknownMetricsFeature } from './unknownMetrics';
import { serverInfoFeature } from './serverInfo';
import { prometheusStatusFeature } from './prometheusStatus';
import { alertLinkDiagnosticsFeature } from './alertLinkDiagnostics';
import { chartDataFeature } from './chartData';
import { symptomsFeature } from './symptoms';
import { inlayHintsFeature } from './inlayHints';
import { alertLensFeature } from './alertLens';
import { alertActionsFeature } from './alertActions';
import { documentLinksFeature } from './documentLinks';

export const features: Feature[] = [
  diagnosticsFeature,
  symbolsFeature,
  foldingFeature,
  codeActionsFeature,
  codeLensFeature,
  workspaceSymbolsFeature,
  referencesFeature,
  definitionFeature,
  runStateFeature,
  runPlanFeature,
  environmentsFileFeature,
  hoverFeature,
  completionFeature,
  unknownMetricsFeature,
  serverInfoFeature,
  prometheusStatusFeature,
  alertLinkDiagnosticsFeature,
  chartDataFeature,
  symptomsFeature,
  inlayHintsFeature,
  alertLensFeature,
  alertActionsFeature,
  documentLinksFeature,
];

// The messages between the chart panel (panel.ts) and its webview (client/webview/chart.ts).
import type { ChartDataResult } from '../../../server/src/lsp/features/chartProtocol';

/** Extension → webview. */
export type ToView =
  | { type: 'loading' }
  | { type: 'data'; result: ChartDataResult };

/** Webview → extension. */
export type FromView =
  | { type: 'ready'; range: string }
  | { type: 'range'; range: string }
  | { type: 'refresh' }
  | { type: 'open'; url: string }
  /** After each draw: what is on screen, so tests can check the chart without reading pixels. */
  | { type: 'drawn'; report: DrawReport };

export interface DrawReport {
  env?: string;
  range?: string;
  error?: string;
  /** Series with at least one value. */
  series: number;
  /** The legend's entries, as shown. */
  legend: string[];
  /** Pixels of the first series' colour on the canvas: 0 means no line was drawn. */
  linePixels: number;
}

/** What the webview keeps across being hidden and shown (getState/setState). */
export interface ViewState { range: string; autoRefreshS: number; last?: ChartDataResult }

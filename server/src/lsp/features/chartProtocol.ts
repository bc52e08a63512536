// `runbook/chartData` (see chartData.ts). Types only at run time: the VS Code client bundles it.
import type { ChartData } from '../../chart/data';

export const CHART_DATA_REQUEST = 'runbook/chartData';

export interface ChartDataParams {
  uri: string;
  /** The block's index among the document's fences (what the Chart lens passes). */
  index: number;
  /** A preset (15m, 1h, 6h, 24h), a duration (3h) or `FROM to TO`; see chart/range.ts. */
  range: string;
  /** The body's hash when last charted: finds the block again after edits above it moved it. */
  bodyHash?: string;
}

/** `index`, `step` and `bodyHash` say where the charted block is now. */
export type ChartDataResult = (ChartData & { step: number; index: number; bodyHash: string }) | { error: string; env?: string };

// Hover latency against a real Prometheus, minus Prometheus's own query time. Measured only when
// both exist: our server advertises a hover provider and the Prometheus harness can start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startOurs } from './ourServer';

export type HoverOutcome = { skipped: string } | { overheadMs: number; hoverMs: number; queryMs: number };

export async function hoverFigures(): Promise<HoverOutcome> {
  const s = await startOurs();
  try {
    if (!s.capabilities.hoverProvider) return { skipped: 'our server has no hover provider yet (textDocument/hover not advertised)' };
  } finally {
    await s.stop();
  }
  if (!existsSync(join(__dirname, '../test/support/prometheus.ts'))) return { skipped: 'no Prometheus harness (test/support/prometheus.ts)' };
  if (spawnSync('prometheus', ['--version']).status !== 0) return { skipped: 'prometheus is not installed (apt-get install prometheus)' };
  return { skipped: 'hover provider found, but its configuration for a live Prometheus is not wired into the benchmark yet' };
}

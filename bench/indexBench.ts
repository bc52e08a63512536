// The workspace index of many runbooks, over LSP as the editor sees it: `initialized` → the
// work-done progress ends, cold (empty disk cache) and again after a restart (warm cache), with
// the server's peak RSS, next to an idle server's peak RSS for reference.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startOurs } from './ourServer';

export interface IndexFigures { files: number; coldMs: number; warmMs: number; peakRssMb: number; coldRssMb: number; warmRssMb: number; idleRssMb: number; symbols: number }

async function indexOnce(dir: string, cacheDir: string): Promise<{ ms: number; rss: number; symbols: number }> {
  const s = await startOurs({ rootUri: pathToFileURL(dir).toString(), cacheDir });
  try {
    const end = s.progressEnd();
    const t0 = performance.now();
    await s.initialized();
    await end;
    const ms = performance.now() - t0;
    const symbols = (await s.conn.sendRequest('workspace/symbol', { query: 'step' }) as unknown[]).length;
    return { ms, rss: s.peakRssMb(), symbols };
  } finally {
    await s.stop();
  }
}

export async function indexFigures(dir: string, files: number): Promise<IndexFigures> {
  const idle = await startOurs();
  await idle.initialized();
  await new Promise(r => setTimeout(r, 300));
  const idleRssMb = idle.peakRssMb();
  await idle.stop();
  const cacheDir = mkdtempSync(join(tmpdir(), 'runbook-bench-index-'));
  const cold = await indexOnce(dir, cacheDir);
  const warm = await indexOnce(dir, cacheDir);
  return { files, coldMs: cold.ms, warmMs: warm.ms, peakRssMb: Math.max(cold.rss, warm.rss), coldRssMb: cold.rss, warmRssMb: warm.rss, idleRssMb, symbols: cold.symbols };
}

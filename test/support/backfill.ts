// Backfills an hour of the exporter's history with promtool, so trend charts have data as soon
// as Prometheus starts. Samples stop a few seconds before now: the head refuses samples older than
// the newest persisted block, and live scrapes must land after it.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMetrics } from './exporter';

const STEP_MS = 15_000;

/** OpenMetrics text for [from, to] with one sample per step, grouped by metric family as the format requires. */
export function backfillText(start: number, from: number, to: number, target: string): string {
  // The labels Prometheus adds when scraping, so history and live samples are the same series.
  const extra = `job="exporter",instance="${target}"`;
  const byFamily = new Map<string, string[]>();
  for (let t = from; t <= to; t += STEP_MS) {
    for (const line of renderMetrics(t, start, { timestamps: true }).split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const family = line.match(/^[a-zA-Z_:][a-zA-Z0-9_:]*/)![0];
      const rest = line.slice(family.length);
      const labelled = rest.startsWith('{') ? `${family}{${extra},${rest.slice(1)}` : `${family}{${extra}}${rest}`;
      if (!byFamily.has(family)) byFamily.set(family, []);
      byFamily.get(family)!.push(labelled);
    }
  }
  return [...byFamily.values()].flat().join('\n') + '\n# EOF\n';
}

export function writeBackfill(dataDir: string, start: number, target: string, workDir: string): void {
  const now = Date.now();
  const file = join(workDir, 'backfill.om');
  writeFileSync(file, backfillText(start, now - 3900_000, now - 5_000, target));
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, dataDir], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`promtool backfill failed: ${(r.stderr || r.error?.message || '').trim()}`);
}

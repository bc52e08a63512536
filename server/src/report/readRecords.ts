// The timeline records of a time range, from the `<YYYY-MM-DD>.jsonl` files of the records folder
// (only the days the range touches), oldest first. Torn or foreign lines are skipped and counted.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asTimelineRecord, type TimelineRecord } from '../run/recordKinds';
import type { TimeWindow } from './window';

export interface RecordFilter { environment?: string; runbook?: string }

export interface ReadResult { records: TimelineRecord[]; skipped: number; files: string[] }

export async function readTimeline(dir: string, window: TimeWindow, filter: RecordFilter = {}): Promise<ReadResult> {
  let names: string[];
  try { names = await readdir(dir); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], skipped: 0, files: [] };
    throw e;
  }
  const first = window.from.toISOString().slice(0, 10);
  const last = window.to.toISOString().slice(0, 10);
  const files = names.filter((f) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(f) && f.slice(0, 10) >= first && f.slice(0, 10) <= last).sort();
  const records: TimelineRecord[] = [];
  let skipped = 0;
  for (const f of files) {
    for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      let rec: TimelineRecord | undefined;
      try { rec = asTimelineRecord(JSON.parse(line)); } catch { rec = undefined; }
      if (!rec) { skipped++; continue; }
      const t = Date.parse(rec.time);
      if (t < window.from.getTime() || t > window.to.getTime()) continue;
      if (filter.environment && rec.environment !== filter.environment) continue;
      if (filter.runbook && !sameRunbook(rec.runbook, filter.runbook)) continue;
      records.push(rec);
    }
  }
  // Stable: records of the same instant keep the order they were written in.
  records.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return { records, skipped, files: files.map((f) => join(dir, f)) };
}

/** `--runbook checkout.md` matches `runbooks/checkout.md` too: records hold workspace-relative paths. */
function sameRunbook(recorded: string | undefined, wanted: string): boolean {
  if (!recorded) return false;
  const w = wanted.replace(/^\.\//, '');
  return recorded === w || recorded.endsWith(`/${w}`);
}

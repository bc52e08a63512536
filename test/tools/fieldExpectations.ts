// The field-expectation file: every error and warning `runbook check` gives on the field corpus,
// each with a reviewer's verdict (`real` or `noise`) and a short reason. The unit test compares a
// fresh check with the file and computes precision from the verdicts; the script
// scripts/field-expectations.ts regenerates it. Kept here so that both read and write one format.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const repoRoot = join(__dirname, '../..');
export const expectationFile = join(repoRoot, 'test/fixtures/field/expectations.tsv');
export const verdicts = ['real', 'noise', 'unreviewed'] as const;
export type Verdict = (typeof verdicts)[number];

export interface FieldRow {
  file: string; line: number; col: number; severity: 'error' | 'warning'; code: string; message: string;
  verdict: Verdict; reason: string;
}

const header = ['file', 'line', 'col', 'severity', 'code', 'verdict', 'reason', 'message'];

/**
 * The corpus folder: $RUNBOOK_FIELD_CORPUS, else `shared/corpus/field` beside the repository or
 * beside one of its parents (a git worktree may sit a level deeper than the main checkout).
 */
export function fieldCorpus(): string | undefined {
  const fromEnv = process.env.RUNBOOK_FIELD_CORPUS;
  if (fromEnv) return existsSync(fromEnv) ? resolve(fromEnv) : undefined;
  for (let dir = resolve(repoRoot); ; dir = dirname(dir)) {
    const candidate = join(dir, '../shared/corpus/field');
    if (existsSync(candidate)) return resolve(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

interface JsonReport { files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] }[] }

/** Runs the real CLI (from source, so no build is needed) and keeps its errors and warnings. */
export function runFieldCheck(corpus: string): Omit<FieldRow, 'verdict' | 'reason'>[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'server/src/cli/main.ts'), 'check', '--format', 'json', corpus],
    { cwd: repoRoot, encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`runbook check exited ${r.status ?? r.signal}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as JsonReport;
  const rows: Omit<FieldRow, 'verdict' | 'reason'>[] = [];
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      rows.push({
        file: relative(corpus, f.path).split('\\').join('/'), line: d.range.start.line + 1, col: d.range.start.character + 1,
        severity: d.severity, code: String(d.code), message: oneLine(d.message),
      });
    }
  }
  return rows.sort(compareRows);
}

function oneLine(s: string): string { return s.replace(/[\t\r\n]+/g, ' ').trim(); }

export function compareRows(a: Pick<FieldRow, 'file' | 'line' | 'col' | 'code' | 'message'>, b: typeof a): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col
    || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/**
 * The identity of a row across regenerations: file, line, column and code, plus its rank among
 * rows with those same four (one position can carry the same code twice, with different text).
 */
export function rowKeys(rows: readonly Pick<FieldRow, 'file' | 'line' | 'col' | 'code'>[]): string[] {
  const seen = new Map<string, number>();
  return rows.map(r => {
    const base = `${r.file}\t${r.line}\t${r.col}\t${r.code}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}\t#${n + 1}` : base;
  });
}

export function readExpectations(file = expectationFile): FieldRow[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n').filter(l => l && !l.startsWith('#'));
  if (lines[0]?.split('\t').join(',') === header.join(',')) lines.shift();
  return lines.map((l, i) => {
    const [file, line, col, severity, code, verdict, reason, ...message] = l.split('\t');
    if (!verdicts.includes(verdict as Verdict)) throw new Error(`${file}: row ${i + 1} has verdict '${verdict}', not one of ${verdicts.join('/')}`);
    return { file, line: Number(line), col: Number(col), severity: severity as FieldRow['severity'], code, verdict: verdict as Verdict, reason: reason ?? '', message: message.join(' ') };
  });
}

export function writeExpectations(rows: readonly FieldRow[], file = expectationFile): void {
  const body = rows.map(r => [r.file, r.line, r.col, r.severity, r.code, r.verdict, oneLine(r.reason), r.message].join('\t'));
  writeFileSync(file, [
    '# Every error and warning of `runbook check` on the field corpus, with a reviewer\'s verdict.',
    '# Regenerate: node --import tsx scripts/field-expectations.ts --update (see test/unit/field/expectations.test.ts).',
    header.join('\t'), ...body, '',
  ].join('\n'));
}

/**
 * The new rows with the verdicts of the old ones kept where the key is unchanged. A kept row whose
 * severity or message changed keeps its verdict too: the reviewer sees it in the diff.
 */
export function mergeVerdicts(fresh: readonly Omit<FieldRow, 'verdict' | 'reason'>[], old: readonly FieldRow[]): FieldRow[] {
  const oldByKey = new Map(rowKeys(old).map((k, i) => [k, old[i]]));
  const freshKeys = rowKeys(fresh);
  return fresh.map((r, i) => {
    const prev = oldByKey.get(freshKeys[i]);
    return { ...r, verdict: prev?.verdict ?? 'unreviewed', reason: prev?.reason ?? '' };
  });
}

export interface Difference { kind: 'new' | 'gone' | 'changed'; key: string; detail: string }

export function differences(fresh: readonly Omit<FieldRow, 'verdict' | 'reason'>[], expected: readonly FieldRow[]): Difference[] {
  const exp = new Map(rowKeys(expected).map((k, i) => [k, expected[i]]));
  const out: Difference[] = [];
  const freshKeys = rowKeys(fresh);
  fresh.forEach((r, i) => {
    const e = exp.get(freshKeys[i]);
    if (!e) out.push({ kind: 'new', key: freshKeys[i], detail: `${r.severity} ${r.message}` });
    else if (e.severity !== r.severity || e.message !== r.message) out.push({ kind: 'changed', key: freshKeys[i], detail: `${e.severity} ${e.message} -> ${r.severity} ${r.message}` });
    exp.delete(freshKeys[i]);
  });
  for (const [key, e] of exp) out.push({ kind: 'gone', key, detail: `${e.severity} ${e.message}` });
  return out;
}

export interface Precision { total: number; real: number; noise: number; unreviewed: number; ratio: number }

export function precision(rows: readonly FieldRow[], severity: FieldRow['severity']): Precision {
  const of = rows.filter(r => r.severity === severity);
  const real = of.filter(r => r.verdict === 'real').length;
  const noise = of.filter(r => r.verdict === 'noise').length;
  // No rows of a severity is perfect precision: nothing false was said.
  return { total: of.length, real, noise, unreviewed: of.length - real - noise, ratio: of.length ? real / of.length : 1 };
}

export function describe(p: Precision, severity: string): string {
  return `${severity}s: ${p.real}/${p.total} real (${(p.ratio * 100).toFixed(1)}%), ${p.noise} noise${p.unreviewed ? `, ${p.unreviewed} unreviewed` : ''}`;
}

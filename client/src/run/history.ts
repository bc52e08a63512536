// "Runbook: Show run history": the run records (newest first) in a quick pick; the chosen one
// opens as a read-only document (what ran, where, when, how it ended, and its output).
import * as vscode from 'vscode';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../../../server/src/run/records';
import { stripAnsi } from '../../../server/src/run/ansi';
import { recordsDir } from './recorder';
import { outcomeText } from '../../../server/src/run/outcomeText';

export { outcomeText };

const SCHEME = 'runbook-run';
const MAX_RECORDS = 500;

export interface HistoryArgs {
  /** Only this runbook's records (and only this block's, with `index`). */
  uri?: string;
  index?: number;
  /** Open the n-th record of the (filtered, newest first) list without a quick pick. */
  open?: number;
}

export async function readRecords(dir: string, limit = MAX_RECORDS): Promise<RunRecord[]> {
  let files: string[];
  try { files = (await readdir(dir)).filter(f => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(f)).sort().reverse(); } catch { return []; }
  const out: RunRecord[] = [];
  for (const f of files) {
    const lines = (await readFile(join(dir, f), 'utf8')).split('\n').filter(Boolean).reverse();
    for (const l of lines) {
      try { out.push(JSON.parse(l) as RunRecord); } catch { /* a torn line from a crash: skip it */ }
      if (out.length >= limit) return out;
    }
  }
  return out;
}

const stepOf = (r: RunRecord) => r.step ?? r.block + 1;

export function renderRecord(r: RunRecord): string {
  const outcome = r.status === 'ok' ? '✓ ok' : `${r.failure && r.exitCode === 0 ? '⚠' : '✗'} ${outcomeText(r)}${r.status === 'failed' && !r.failure ? '' : ` (exit ${r.exitCode})`}`;
  const expected = r.expected ? (r.expected.matched ? 'matched' : `differs\n${r.expected.differences.map(d => `  ${d}`).join('\n')}`) : undefined;
  return [
    `Runbook:     ${r.runbook}`,
    `Section:     ${r.section.join(' › ') || '(top)'}`,
    `Step:        ${stepOf(r)}`,
    `Environment: ${r.environment}`,
    `Time:        ${r.time}`,
    `Result:      ${outcome} in ${(r.durationMs / 1000).toFixed(1)}s`,
    ...(r.failure ? [`Failed at:   line ${r.failure.line}: ${r.failure.text}`] : []),
    ...(r.ranBy ? [`Ran by:      ${r.ranBy.user}${r.ranBy.email ? ` <${r.ranBy.email}>` : ''}`] : []),
    ...(expected ? [`Expected:    ${expected}`] : []),
    ...(r.note ? [`Note:        ${r.note}`] : []),
    '', '── command ──', r.command.trimEnd(), '',
    `── output${r.outputTruncated ? ` (truncated; ${r.outputChars} characters in all)` : ''} ──`,
    stripAnsi(r.output).trimEnd(), '',
  ].join('\n');
}

function icon(r: RunRecord): string {
  if (r.status === 'ok') return '$(pass)';
  if (r.status === 'cancelled' || r.status === 'timeout') return '$(circle-slash)';
  return r.failure && r.exitCode === 0 ? '$(warning)' : '$(error)';
}

export class RunHistory implements vscode.Disposable {
  private readonly shown = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private seq = 0;

  constructor(private readonly fallback: vscode.Uri, private readonly runbookName: (uri: vscode.Uri) => string) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: uri => this.shown.get(uri.query) ?? '' });
  }

  async show(args: HistoryArgs = {}): Promise<{ records: number; opened?: string }> {
    let records = await readRecords(recordsDir(this.fallback));
    if (args.uri) {
      const name = this.runbookName(vscode.Uri.parse(args.uri));
      records = records.filter(r => r.runbook === name && (args.index === undefined || r.block === args.index));
    }
    if (!records.length) {
      if (args.open === undefined) void vscode.window.showInformationMessage('Runbook: no runs recorded yet.');
      return { records: 0 };
    }
    let chosen: RunRecord | undefined = args.open !== undefined ? records[args.open] : undefined;
    if (args.open === undefined) {
      const picked = await vscode.window.showQuickPick(records.map(r => ({
        label: `${icon(r)} ${r.runbook} › ${(r.section[r.section.length - 1] ?? 'top').replace(/\$\(/g, '\\$(')} · step ${stepOf(r)}`,
        description: `${r.environment} · ${new Date(r.time).toLocaleString()} · ${outcomeText(r)}`,
        detail: r.command.split('\n').find(l => l.trim()) ?? '',
        record: r,
      })), { title: 'Runbook: run history', matchOnDescription: true, matchOnDetail: true });
      chosen = picked?.record;
    }
    if (!chosen) return { records: records.length };
    return { records: records.length, opened: await this.open(chosen) };
  }

  /** Opens one record as a read-only document (the Runs view's "Open output"); its URI. */
  async open(record: RunRecord): Promise<string> {
    const id = String(++this.seq);
    this.shown.set(id, renderRecord(record));
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${record.environment} ${record.time.replace(/[:.]/g, '-')}.log`, query: id });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    return uri.toString();
  }

  dispose(): void { this.registration.dispose(); }
}

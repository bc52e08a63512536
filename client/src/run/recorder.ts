// Run records go where the `runbook.runs.*` settings say at the time of each run, so changing the
// folder or the size limit needs no restart (the engine keeps one recorder for its lifetime).
import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import { DEFAULT_RECORDS_DIR, RunRecorder, type AppendResult, type RunRecord } from '../../../server/src/run/records';
import type { EventRecord } from '../../../server/src/run/recordKinds';

export function recordsDir(fallback: vscode.Uri): string {
  const dir = vscode.workspace.getConfiguration('runbook').get<string>('runs.directory') || DEFAULT_RECORDS_DIR;
  if (isAbsolute(dir)) return dir;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? join(folder.uri.fsPath, dir) : join(fallback.fsPath, 'runs');
}

export class SettingsRecorder extends RunRecorder {
  private readonly appended = new vscode.EventEmitter<void>();
  /** A record was written: the Runs view shows it without waiting for a file watcher. */
  readonly onDidAppend = this.appended.event;

  constructor(private readonly fallback: vscode.Uri) { super(''); }

  override async append(rec: RunRecord, secretValues: readonly string[] = []): Promise<AppendResult> {
    const max = vscode.workspace.getConfiguration('runbook').get<number>('runs.maxOutputBytes') ?? 64 * 1024;
    const result = await new RunRecorder(recordsDir(this.fallback), max).append(rec, secretValues);
    if (result.ok) this.appended.fire();
    return result;
  }

  override appendEvent(rec: EventRecord, secretValues: readonly string[] = []): Promise<AppendResult> {
    return new RunRecorder(recordsDir(this.fallback)).appendEvent(rec, secretValues);
  }
}

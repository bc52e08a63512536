// The Runs view (Explorer): the run records grouped by day, then runbook (server/src/runs/groups.ts
// does the grouping); each run shows how it ended, where, and how long it took. Refreshed when a
// run is recorded here, when a records file changes (another window, the CLI), when the records
// folder setting changes, and from its title bar.
import * as vscode from 'vscode';
import { groupRuns, type DayGroup, type RunbookGroup, type RunEntry } from '../../../server/src/runs/groups';
import { readRecords } from '../run/history';
import { recordsDir } from '../run/recorder';

export type RunsNode =
  | { kind: 'day'; group: DayGroup }
  | { kind: 'runbook'; day: string; group: RunbookGroup }
  | { kind: 'run'; entry: RunEntry };

export const RUNS_VIEW_ID = 'runbook.runs';

export class RunsTree implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private days: DayGroup[] = [];
  private loaded?: Promise<DayGroup[]>;
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watcher?: vscode.Disposable;

  constructor(private readonly fallback: vscode.Uri) {
    this.watch();
    this.disposables.push(vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('runbook.runs.directory')) { this.watch(); void this.refresh(); }
    }));
  }

  private pending?: ReturnType<typeof setTimeout>;
  /** A refresh soon: a Run all or a watcher's burst of changes reads the records once. */
  refreshSoon(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.refresh(), 250);
  }

  /** Reads the records again; resolves with the groups the view now shows. */
  refresh(): Promise<DayGroup[]> {
    this.loaded = readRecords(recordsDir(this.fallback)).then(records => (this.days = groupRuns(records)));
    const done = this.loaded.then(days => { this.changed.fire(undefined); return days; });
    return done;
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'day': {
        const item = new vscode.TreeItem(node.group.label, this.days[0] === node.group ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `day:${node.group.day}`;
        item.description = node.group.description;
        item.iconPath = new vscode.ThemeIcon('calendar');
        item.contextValue = 'runbook.runs.day';
        return item;
      }
      case 'runbook': {
        const item = new vscode.TreeItem(node.group.runbook, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `runbook:${node.day}:${node.group.runbook}`;
        item.description = node.group.description;
        item.iconPath = new vscode.ThemeIcon('book');
        item.contextValue = 'runbook.runs.runbook';
        return item;
      }
      case 'run': {
        const { entry } = node;
        const r = entry.record;
        const item = new vscode.TreeItem(entry.label, vscode.TreeItemCollapsibleState.None);
        item.id = `run:${r.time}:${r.runbook}:${r.block}:${entry.position}`;
        item.description = entry.description;
        item.iconPath = new vscode.ThemeIcon(entry.icon.id, new vscode.ThemeColor(entry.icon.color));
        item.contextValue = 'runbook.runs.run';
        const first = String(r.command ?? '').split('\n').find(l => l.trim()) ?? '';
        // Plain text (no Markdown): the command and section come from a runbook, secrets already masked.
        item.tooltip = `${r.runbook} › ${(Array.isArray(r.section) ? r.section : []).join(' › ') || '(top)'}\nstep ${r.step ?? r.block + 1} on ${r.environment}, ${new Date(r.time).toLocaleString()}\n${first}`;
        item.command = { command: 'runbook.runs.openOutput', title: 'Open Output', arguments: [node] };
        item.accessibilityInformation = { label: `${entry.label}, ${entry.description}, ${entry.icon.id === 'pass' ? 'succeeded' : 'did not succeed'}` };
        return item;
      }
    }
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) return (await (this.loaded ?? this.refresh())).map(group => ({ kind: 'day' as const, group }));
    if (node.kind === 'day') return node.group.runbooks.map(group => ({ kind: 'runbook' as const, day: node.group.day, group }));
    if (node.kind === 'runbook') return node.group.runs.map(entry => ({ kind: 'run' as const, entry }));
    return [];
  }

  /** The records file watcher follows the folder setting (records may live outside the workspace). */
  private watch(): void {
    this.watcher?.dispose();
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(recordsDir(this.fallback)), '*.jsonl'));
    const again = () => this.refreshSoon();
    this.watcher = vscode.Disposable.from(w, w.onDidCreate(again), w.onDidChange(again), w.onDidDelete(again));
  }

  dispose(): void { clearTimeout(this.pending); this.watcher?.dispose(); for (const d of this.disposables) d.dispose(); }
}

/** Every run under a node (a day's or a runbook's runs, or the run itself). */
export function runsUnder(node: RunsNode): RunEntry[] {
  if (node.kind === 'run') return [node.entry];
  if (node.kind === 'runbook') return node.group.runs;
  return node.group.runbooks.flatMap(b => b.runs);
}

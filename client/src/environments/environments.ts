// The workspace's environments (`.runbook/environments.yaml` plus the built-in `local`) and which
// one is chosen. The choice is kept per workspace, but a protected environment is never restored
// at start-up (vscode-httpyac#39): the editor always opens on something harmless.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { ENVIRONMENTS_FILE, parseEnvironments, type ParsedEnvironments } from '../../../server/src/environments/load';
import { definedVariableNames, environmentList, resolveEnvironment, sessionBaseEnv, startupEnvironment, LOCAL } from '../../../server/src/environments/resolve';
import type { EnvironmentDef, ResolvedEnvironment, SecretSource } from '../../../server/src/environments/types';

const CHOICE_KEY = 'runbook.environment';

export class Environments implements vscode.Disposable {
  private parsed: ParsedEnvironments = { environments: [], diagnostics: [] };
  private chosen = LOCAL;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the list or the chosen environment changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    const folder = this.folder();
    if (folder) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, ENVIRONMENTS_FILE));
      const reload = () => void this.reload();
      this.disposables.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
  }

  /** Reads the file and picks the start-up environment: the remembered one unless it is protected. */
  async load(): Promise<void> {
    await this.read();
    this.chosen = startupEnvironment(this.parsed, this.state.get<string>(CHOICE_KEY));
    this.changed.fire();
  }

  list(): EnvironmentDef[] { return environmentList(this.parsed); }

  get current(): EnvironmentDef {
    return this.find(this.chosen) ?? this.list()[0];
  }

  find(name: string): EnvironmentDef | undefined { return this.list().find(e => e.name === name); }

  async select(name: string): Promise<EnvironmentDef> {
    const env = this.find(name);
    if (!env) throw new Error(`There is no environment "${name}". Known: ${this.list().map(e => e.name).join(', ')}.`);
    this.chosen = env.name;
    await this.state.update(CHOICE_KEY, env.name);
    this.changed.fire();
    return env;
  }

  /** The folder whose `.runbook/environments.yaml` counts: the first workspace folder. */
  folder(): vscode.WorkspaceFolder | undefined { return vscode.workspace.workspaceFolders?.[0]; }

  async resolve(def: EnvironmentDef, secrets: SecretSource): Promise<ResolvedEnvironment> {
    const folder = this.folder();
    return resolveEnvironment(def, { workspaceFolder: folder?.uri.fsPath ?? homedir(), baseEnv: sessionBaseEnv(process.env), secrets });
  }

  /** The `$VAR`s a step may use on `def` without being asked (the diagnostic and the run agree). */
  variableNames(def: EnvironmentDef): string[] {
    return definedVariableNames(def, sessionBaseEnv(process.env));
  }

  private async reload(): Promise<void> {
    await this.read();
    // The chosen environment may have been renamed away; fall back the way start-up does.
    if (!this.find(this.chosen)) this.chosen = startupEnvironment(this.parsed);
    this.changed.fire();
  }

  private async read(): Promise<void> {
    const folder = this.folder();
    if (!folder) { this.parsed = { environments: [], diagnostics: [] }; return; }
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ENVIRONMENTS_FILE));
      this.parsed = parseEnvironments(new TextDecoder().decode(bytes));
    } catch {
      this.parsed = { environments: [], diagnostics: [] }; // no file: only `local`
    }
  }

  dispose(): void { for (const d of this.disposables) d.dispose(); }
}

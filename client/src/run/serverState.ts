// Keeps the language server's picture of running up to date (`runbook/state`): trust, the chosen
// environment (its variable names settle which `$VAR`s need asking) and each block's last result,
// re-sent whole whenever the server (re)starts. The only sender of trust: lenses depend on it.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { Environments } from '../environments/environments';
import type { LastResult, RunStateParams } from '../../../server/src/lsp/features/runState';
import { RUN_STATE_NOTIFICATION } from '../../../server/src/lsp/features/runProtocol';

export class ServerState implements vscode.Disposable {
  private readonly results = new Map<string, Map<string, LastResult>>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: LanguageClient, private readonly envs: Environments) {
    this.disposables = [
      envs.onDidChange(() => this.send({ env: this.env() })),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.send({ trusted: true })),
      client.onDidChangeState(e => { if (e.newState === State.Running) this.sendAll(); }),
    ];
    if (client.isRunning()) this.sendAll();
  }

  addResult(uri: string, result: LastResult): void {
    let m = this.results.get(uri);
    if (!m) { m = new Map(); this.results.set(uri, m); }
    m.set(result.bodyHash, result);
    this.send({ results: [{ uri, items: [result] }] });
  }

  sendAll(): void {
    this.send({
      trusted: vscode.workspace.isTrusted,
      env: this.env(),
      results: [...this.results].map(([uri, m]) => ({ uri, clear: true, items: [...m.values()] })),
    });
  }

  private env(): NonNullable<RunStateParams['env']> {
    const e = this.envs.current;
    return { name: e.name, protected: e.protected, variables: this.envs.variableNames(e) };
  }

  private send(p: RunStateParams): void {
    if (!this.client.isRunning()) return; // sendAll runs again when it is
    this.client.sendNotification(RUN_STATE_NOTIFICATION, p).catch(() => undefined);
  }

  dispose(): void { for (const d of this.disposables) d.dispose(); }
}

// `runbook.pickEnvironment`: a quick pick of the environments, or `{ name }` from tests and keybindings.
import * as vscode from 'vscode';
import type { Environments } from './environments';

export async function pickEnvironment(envs: Environments, args?: { name?: string }): Promise<string | undefined> {
  if (args?.name) {
    try { return (await envs.select(args.name)).name; } catch (e) {
      void vscode.window.showErrorMessage(`Runbook: ${(e as Error).message}`);
      return undefined;
    }
  }
  const current = envs.current.name;
  const items = envs.list().map(e => ({
    label: `${e.protected ? '$(shield)' : '$(server-environment)'} ${e.name}`,
    name: e.name,
    description: [e.name === current ? 'current' : '', e.protected ? 'protected' : ''].filter(Boolean).join(' · '),
    detail: e.prometheus ? `Prometheus ${e.prometheus.url}` : undefined,
  }));
  const folder = envs.folder();
  const edit = { label: '$(edit) Edit environments…', name: '' };
  const picked = await vscode.window.showQuickPick(folder ? [...items, edit] : items, { title: 'Runbook: run steps on', placeHolder: `Current: ${current}` });
  if (!picked) return undefined;
  if (!picked.name && folder) {
    const file = vscode.Uri.joinPath(folder.uri, '.runbook/environments.yaml');
    try { await vscode.workspace.fs.stat(file); } catch { await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(TEMPLATE)); }
    await vscode.window.showTextDocument(file);
    return undefined;
  }
  return (await envs.select(picked.name)).name;
}

const TEMPLATE = `# Runbook environments: steps run against the one picked in the status bar.
environments:
  staging:
    variables:
      NAMESPACE: staging
    prometheus: https://prometheus.staging.example.com
  production:
    protected: true
    variables:
      NAMESPACE: production
    prometheus:
      url: https://prometheus.example.com
      auth:
        bearer: PROM_TOKEN
    secrets: [PROM_TOKEN]
`;

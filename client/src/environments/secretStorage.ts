// Secret values for `secrets:` names, kept in VS Code's SecretStorage (the OS keychain). Asked for
// once, when a run first needs them; never written to the workspace or the run records.
import * as vscode from 'vscode';
import type { SecretSource } from '../../../server/src/environments/types';

// SecretStorage is shared by every workspace, so the key names the workspace folder too: another
// repository declaring an environment of the same name never receives this one's secrets.
const keyOf = (env: string, name: string) => `runbook.secret/${vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? ''}/${env}/${name}`;

export function secretStorageSource(storage: vscode.SecretStorage): SecretSource {
  return {
    async get(name, env) {
      const stored = await storage.get(keyOf(env, name));
      if (stored) return stored;
      const value = await vscode.window.showInputBox({
        title: `Runbook: secret for "${env}"`,
        prompt: `Value of ${name} for environment "${env}". It is kept in VS Code's secret storage, never in the workspace.`,
        password: true,
        ignoreFocusOut: true,
      });
      if (value) await storage.store(keyOf(env, name), value);
      return value;
    },
  };
}

/** Stored values only, never a prompt: for hovers and completion, which must not pop up input boxes. */
export function storedSecretSource(storage: vscode.SecretStorage): SecretSource {
  return { get: async (name, env) => (await storage.get(keyOf(env, name))) || undefined };
}

/** Forgets the stored secrets of an environment (they are asked for again on the next run). */
export async function forgetSecrets(storage: vscode.SecretStorage, env: string, names: string[]): Promise<void> {
  await Promise.all(names.map(n => storage.delete(keyOf(env, n))));
}

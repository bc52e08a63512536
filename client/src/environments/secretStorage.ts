// Secret values for `secrets:` names, kept in VS Code's SecretStorage (the OS keychain). Asked for
// once, when a run first needs them; never written to the workspace or the run records.
import * as vscode from 'vscode';
import type { SecretSource } from '../../../server/src/environments/types';
import { MIN_SECRET_LENGTH } from '../../../server/src/run/redact';

// SecretStorage is shared by every workspace, so the key names the workspace folder too: another
// repository declaring an environment of the same name never receives this one's secrets. A
// credential sent to a host names that host: if the environments file changes the URL, the old
// value is not found, so it is never sent to the new host (a run asks again, naming the host).
const keyOf = (env: string, name: string, destination?: string) =>
  `runbook.secret/${vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? ''}/${env}/${name}${destination ? `@${destination}` : ''}`;

export function secretStorageSource(storage: vscode.SecretStorage): SecretSource {
  return {
    async get(name, env, destination) {
      const stored = await storage.get(keyOf(env, name, destination));
      if (stored) return stored;
      const value = await vscode.window.showInputBox({
        title: `Runbook: secret for "${env}"`,
        prompt: `Value of ${name} for environment "${env}"${destination ? `, sent to ${destination}` : ''}. It is kept in VS Code's secret storage, never in the workspace.`,
        password: true,
        ignoreFocusOut: true,
        // The engine refuses such secrets (they could not be masked): say so while typing.
        validateInput: (v) => (v && v.length < MIN_SECRET_LENGTH ? `At least ${MIN_SECRET_LENGTH} characters: a shorter secret could not be masked in output and records.` : undefined),
      });
      if (value) await storage.store(keyOf(env, name, destination), value);
      return value;
    },
  };
}

/** Stored values only, never a prompt: for hovers and completion, which must not pop up input boxes. */
export function storedSecretSource(storage: vscode.SecretStorage): SecretSource {
  return { get: async (name, env, destination) => (await storage.get(keyOf(env, name, destination))) || undefined };
}

/** Forgets the stored secrets of an environment (they are asked for again on the next run). */
export async function forgetSecrets(storage: vscode.SecretStorage, env: string, secrets: { name: string; destination?: string }[]): Promise<void> {
  await Promise.all(secrets.map(s => storage.delete(keyOf(env, s.name, s.destination))));
}

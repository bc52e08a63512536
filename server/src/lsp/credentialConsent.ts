// The standalone server's consent before a credential leaves for a host: the folder must be
// trusted (trust/trustedFolders.ts), and the first use of each credential on each host asks the
// user, naming the host (window/showMessageRequest), so no request ever carries a secret to a
// host the user did not see. Answers hold for the server's lifetime.
import type { Connection } from 'vscode-languageserver/node';
import { isTrustedFolder, readTrustedFolders, trustFile } from '../trust/trustedFolders';

const SEND = 'Send';
const DONT = 'Do not send';

export class CredentialConsent {
  private readonly answers = new Map<string, Promise<boolean>>();

  constructor(private readonly connection: Connection, private readonly initTrusted: () => readonly string[]) {}

  /** Undefined when the credential may be sent; otherwise why not (for the hover). */
  async check(root: string, envName: string, origin: string, secretNames: string[]): Promise<string | undefined> {
    const file = trustFile();
    if (!isTrustedFolder(root, [...readTrustedFolders(file), ...this.initTrusted()])) {
      return `credentials for "${envName}" are not sent: ${root} is not a trusted folder (its environments file chooses the host and the secret). ` +
        `To trust it, add the folder to ${file} or to the \`trustedFolders\` initialization option.`;
    }
    const key = JSON.stringify([root, envName, origin, secretNames]);
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.ask(envName, origin, secretNames);
      this.answers.set(key, answer);
    }
    return (await answer) ? undefined : `credentials for "${envName}" are not sent to ${origin}: you declined.`;
  }

  private async ask(envName: string, origin: string, secretNames: string[]): Promise<boolean> {
    try {
      const picked = await this.connection.window.showInformationMessage(
        `Runbook: send ${secretNames.join(', ')} (environment "${envName}") to ${origin} for live metrics?`, { title: SEND }, { title: DONT });
      return picked?.title === SEND;
    } catch {
      return false; // an editor that cannot ask: nothing is sent
    }
  }
}

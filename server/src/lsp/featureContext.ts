// What every LSP feature receives. Features never parse text themselves: they read the model and
// analysis kept by the DocumentStore.
import type { Connection, ServerCapabilities } from 'vscode-languageserver/node';
import type { DocumentStore } from './documentStore';
import type { Settings } from '../analysis/settings';

export interface FeatureContext {
  connection: Connection;
  store: DocumentStore;
  settings(): Settings;
  /** The first workspace folder's URI, as the client sent it at initialize. */
  workspaceRoot(): string | undefined;
  /** The client's initializationOptions (e.g. whether it resolves environments itself). */
  initOptions(): { clientResolvesEnvironments?: boolean; [k: string]: unknown };
}

export interface Feature {
  capabilities: Partial<ServerCapabilities>;
  register(ctx: FeatureContext): void;
}

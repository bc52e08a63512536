// Entry point of the language server: stdio (`--stdio`), IPC (`--node-ipc`) or a socket,
// as chosen by the client through vscode-languageserver's argument conventions.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
// A bug in one request must not take the whole server down with the user's other documents.
process.on('uncaughtException', e => connection.console.error(`runbook: unexpected error: ${e instanceof Error ? e.stack : String(e)}`));
process.on('unhandledRejection', e => connection.console.error(`runbook: unexpected rejection: ${e instanceof Error ? e.stack : String(e)}`));

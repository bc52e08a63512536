// Entry point of the language server: stdio (`--stdio`), IPC (`--node-ipc`) or a socket,
// as chosen by the client through vscode-languageserver's argument conventions.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { FramingGuard } from './framingGuard';
import { stopShellcheck } from '../shell/shellcheck';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
// A bug in one request must not take the whole server down with the user's other documents.
process.on('uncaughtException', e => connection.console.error(`runbook: unexpected error: ${e instanceof Error ? e.stack : String(e)}`));
process.on('unhandledRejection', e => connection.console.error(`runbook: unexpected rejection: ${e instanceof Error ? e.stack : String(e)}`));
if (process.argv.includes('--stdio')) watchFraming();
// ShellCheck runs in process groups of its own, which would outlive the server.
process.on('exit', stopShellcheck);
process.on('SIGTERM', () => process.exit(143));
process.on('SIGINT', () => process.exit(130));

/** Broken framing on stdin: say so and exit, so that the client starts a fresh server. */
function watchFraming(): void {
  const guard = new FramingGuard();
  // A message the client began but never finished (its Content-Length promised more).
  const STALL_MS = 10_000;
  let stall: NodeJS.Timeout | undefined;
  const die = (why: string) => {
    process.stderr.write(`runbook: malformed LSP message framing on stdin (${why}); exiting so that the client restarts the server.\n`);
    process.exit(1);
  };
  process.stdin.on('data', (chunk: Buffer) => {
    clearTimeout(stall);
    const problem = guard.push(chunk);
    if (problem) die(problem);
    else if (guard.midMessage) stall = setTimeout(() => die(`a message was cut short: no more bytes for ${STALL_MS / 1000} s`), STALL_MS);
  });
}

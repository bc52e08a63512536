// LSP cancellation tokens → AbortSignals, so a cancelled hover or completion also cancels its
// HTTP requests to Prometheus instead of letting them run to their timeout.
import type { CancellationToken } from 'vscode-languageserver/node';

export function abortSignalOf(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

// A progress notification with Cancel, only for runs that last: a quick step should not flash a
// notification, a slow one must be stoppable without finding the terminal.
import * as vscode from 'vscode';

export const PROGRESS_AFTER_MS = 2000;

export function withDelayedProgress<T>(title: string, run: Promise<T>, cancel: () => void): Promise<T> {
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(cancel);
      return run.then(() => undefined, () => undefined);
    });
  }, PROGRESS_AFTER_MS);
  return run.finally(() => clearTimeout(timer));
}

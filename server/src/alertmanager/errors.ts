// Every Alertmanager failure is one line a person can act on: the URL asked and the reason.
export class AlertmanagerError extends Error {
  override readonly name = 'AlertmanagerError';
  constructor(readonly url: string, readonly reason: string, readonly status?: number) { super(`Alertmanager ${url}: ${reason}`); }
}

// One time budget for a whole hover. A hover makes several requests, some one after another; each
// has its own timeout, but the user waits for all of them, so the hover as a whole gets the
// client's request timeout too. Errors caused by running out of budget read as a timeout.
import type { PrometheusClient } from '../prometheus/client';
import { PrometheusError, seconds } from '../prometheus/errors';

export interface HoverBudget {
  signal: AbortSignal;
  /** The error to show: a timeout when the budget ran out, otherwise `e` itself. */
  explain(e: unknown): unknown;
}

export function hoverBudget(client: PrometheusClient, caller?: AbortSignal, ms = client.options.requestTimeoutMs): HoverBudget {
  const deadline = AbortSignal.timeout(ms);
  return {
    signal: caller ? AbortSignal.any([caller, deadline]) : deadline,
    explain: (e) => (deadline.aborted && !caller?.aborted
      ? new PrometheusError('timeout', client.url, `no complete answer within ${seconds(ms)}`)
      : e),
  };
}

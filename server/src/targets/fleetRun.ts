// One step on a fleet, as the engine runs it: fanOut schedules the hosts, each host's output is
// prefixed line by line, the summary table follows, and the fleet's own outcome is derived:
// cancelled or timed out if any host was, failed if any host failed or did not run, else ok.
import type { BlockOutcome } from '../run/session';
import { fanOut, type HostOutcome } from './fanOut';
import { fleetSummary } from './fleetSummary';
import { HostLines } from './hostOutput';
import { hostLabel, isCanary, type FleetTarget, type SshTarget } from './types';

export type FleetHosts = { host: string; outcome: HostOutcome<BlockOutcome> }[];

export async function runOnFleet(
  fleet: FleetTarget, signal: AbortSignal, output: (text: string) => void,
  runHost: (host: SshTarget, lines: HostLines) => Promise<BlockOutcome>,
): Promise<{ outcome: BlockOutcome; hosts: FleetHosts }> {
  const labels = fleet.hosts.map(hostLabel);
  const width = Math.max(...labels.map((l) => l.length));
  const t0 = Date.now();
  const canary = fleet.canary !== undefined ? fleet.hosts.findIndex((h) => isCanary(h, fleet.canary!)) : -1;
  const outcomes = await fanOut(fleet.hosts.length, { concurrency: fleet.concurrency, canary: canary >= 0 ? canary : undefined, onHostFailure: fleet.onHostFailure, signal },
    async (i) => {
      const lines = new HostLines(`[${labels[i].padEnd(width)}] `, output);
      try { return await runHost(fleet.hosts[i], lines); } finally { lines.flush(); }
    },
    (r) => r.status === 'ok', (i) => labels[i]);
  const summary = fleetSummary(labels, outcomes);
  output(`\n${summary}`);
  const ran = outcomes.flatMap((o) => (o.ran ? [o.result] : []));
  const bad = ran.find((r) => r.status !== 'ok');
  const stopped = ran.find((r) => r.status === 'cancelled' || r.status === 'timeout');
  const notRun = ran.length < outcomes.length;
  const status = stopped?.status ?? (bad || notRun ? 'failed' : 'ok');
  const exitCode = stopped?.exitCode ?? (bad ? bad.exitCode || bad.failure?.exitCode || 1 : notRun ? 1 : 0);
  return {
    outcome: { status, exitCode, output: summary, truncated: false, outputChars: summary.length, durationMs: Date.now() - t0 },
    hosts: outcomes.map((o, i) => ({ host: labels[i], outcome: o })),
  };
}

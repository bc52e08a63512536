// The table printed after a step ran on a fleet: host, exit code, duration, first stderr line.
import { formatDuration } from '../run/label';
import type { HostOutcome } from './fanOut';

export interface HostRow { exitCode: number; status: string; durationMs: number; firstStderrLine?: string }

const WIDTH = 60;

export function fleetSummary(hosts: string[], outcomes: HostOutcome<HostRow>[]): string {
  const rows = outcomes.map((o, i) => o.ran
    ? [hosts[i], statusCell(o.result), formatDuration(o.result.durationMs), clip(o.result.firstStderrLine ?? '')]
    : [hosts[i], '-', '-', o.reason]);
  const head = ['host', 'exit', 'duration', 'first stderr line'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => (c === cells.length - 1 ? x : x.padEnd(widths[c]))).join('  ').trimEnd();
  const ok = outcomes.filter((o) => o.ran && o.result.status === 'ok').length;
  return [line(head), ...rows.map(line), `${ok} of ${hosts.length} host(s) ok`].join('\n') + '\n';
}

function statusCell(r: HostRow): string {
  if (r.status === 'cancelled') return 'cancelled';
  if (r.status === 'timeout') return 'timeout';
  if (r.status === 'session-died') return `${r.exitCode} lost`;
  return String(r.exitCode);
}

function clip(s: string): string {
  return s.length > WIDTH ? `${s.slice(0, WIDTH - 1)}…` : s;
}

// A ```promql block runs as an instant query against the environment's Prometheus; the result
// is printed as a table. The query is injected, so tests and the editor can share one client.
import { PrometheusClient } from '../prometheus/client';
import type { QueryData, Labels } from '../prometheus/types';
import type { ResolvedEnvironment } from '../environments/types';
import { splitStatements } from '../promql/split';

export type InstantQuery = (env: ResolvedEnvironment, expr: string, signal: AbortSignal) => Promise<QueryData>;

/** The default InstantQuery: the shared Prometheus client, asked at the current time (no cache). */
export function prometheusInstantQuery(): InstantQuery & { close(): Promise<void> } {
  const clients = new Map<string, PrometheusClient>();
  const query = async (env: ResolvedEnvironment, expr: string, signal: AbortSignal) => {
    const prom = env.prometheus;
    if (!prom) throw new Error(noPrometheus(env.name));
    const key = `${env.name}\0${prom.url}\0${JSON.stringify(prom.headers)}`;
    let client = clients.get(key);
    if (!client) {
      client = new PrometheusClient({ name: env.name, prometheus: { url: prom.url, headers: prom.headers } });
      clients.set(key, client);
    }
    return client.query(expr, { signal, time: Date.now() / 1000 });
  };
  return Object.assign(query, { close: async () => { await Promise.all([...clients.values()].map((c) => c.close())); clients.clear(); } });
}

export interface BlockQuery {
  expr: string;
  /** 1-based line of the block where the expression starts. */
  line: number;
  /** Printed above its table: the comment right above the expression, then the expression. */
  header: string;
}

/** The expressions of a promql block, split as the checker and the hover split them. */
export function queriesOf(body: string): BlockQuery[] {
  return splitStatements(body).map((st) => {
    const before = body.slice(0, st.from).split('\n');
    before.pop();
    const comments: string[] = [];
    for (let i = before.length - 1; i >= 0 && /^\s*#/.test(before[i]); i--) comments.unshift(before[i].trim());
    const expr = st.text.trim();
    return { expr, line: before.length + 1, header: [...comments, `▸ ${expr.replace(/\s*\n\s*/g, ' ')}`].join('\n') };
  });
}

export const noPrometheus = (env: string) =>
  `No Prometheus configured for "${env}": add a \`prometheus:\` URL to it in .runbook/environments.yaml.`;

const MAX_ROWS = 200;

export function formatQueryResult(data: QueryData): string {
  switch (data.resultType) {
    case 'scalar':
    case 'string':
      return `${data.result[1]}\n`;
    case 'vector':
      return table(data.result.map((s) => ({ metric: s.metric, value: s.value[1] })));
    case 'matrix':
      return table(data.result.map((s) => ({ metric: s.metric, value: s.values.map((v) => v[1]).join(' ') })));
  }
}

function table(rows: { metric: Labels; value: string }[]): string {
  if (!rows.length) return '(no series)\n';
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.metric)))].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b)));
  const header = [...keys.map((k) => (k === '__name__' ? 'metric' : k)), 'value'];
  const shown = rows.slice(0, MAX_ROWS);
  const cells = shown.map((r) => [...keys.map((k) => r.metric[k] ?? ''), r.value]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
  if (rows.length > MAX_ROWS) out.push(`… ${rows.length - MAX_ROWS} more series`);
  return `${out.join('\n')}\n`;
}

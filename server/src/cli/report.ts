// `runbook report`: the incident report from the run records of a time range, as Markdown with
// its charts written next to it (mode 0600: outputs can be sensitive), or as JSON on stdout.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RECORDS_DIR } from '../run/records';
import { buildReport } from '../report/report';
import { parseWindow, WindowError } from '../report/window';
import { chartFileName } from '../report/chartFile';
import { cliEnvironments, knownSecretValues, prometheusOf } from './environmentPrometheus';
import { workspaceRoot } from './workspaceRoot';
import type { PrometheusClient } from '../prometheus/client';

const usage = 'usage: runbook report [--since 2h | --from <time> --to <time>] [--env <name>] [--runbook <file>] [--format md|json] [--out <file.md>] [--records-dir <dir>]\n  times: 2026-03-14T09:30Z, 2026-03-14, or a duration ago (3h); default --since 24h';

export async function reportCommand(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: {
      since: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, env: { type: 'string' }, runbook: { type: 'string' },
      format: { type: 'string' }, out: { type: 'string' }, 'records-dir': { type: 'string' },
    } });
  } catch (e) { return fail(`${(e as Error).message}\n${usage}`); }
  const o = args.values;
  const format = o.format ?? 'md';
  if (format !== 'md' && format !== 'json') return fail(`--format must be md or json, not '${format}'`);
  let window;
  try { window = parseWindow(o); } catch (e) { if (e instanceof WindowError) return fail(e.message); throw e; }
  const root = workspaceRoot(process.cwd());
  const envs = await cliEnvironments(root).catch((e: Error) => ({ file: '', defs: [], errors: [e.message] }));
  for (const e of envs.errors) console.error(e);
  const recordsDir = o['records-dir'] ? resolve(o['records-dir']) : join(root, DEFAULT_RECORDS_DIR);
  const out = resolve(o.out ?? `incident-${stamp(new Date())}.md`);
  const clients: PrometheusClient[] = [];
  try {
    const built = await buildReport({
      recordsDir, window, filter: { environment: o.env, runbook: o.runbook },
      prometheus: async (name) => {
        const c = await prometheusOf(envs.defs.find((d) => d.name === name), name, root);
        if (typeof c !== 'string') clients.push(c);
        return c;
      },
      secretValues: knownSecretValues(envs.defs),
      chartFile: format === 'md' ? (metric, env) => chartFileName(basename(out), metric, env) : undefined,
    });
    if (!built.report.records.length) console.error(`runbook report: no run records in ${recordsDir} from ${window.from.toISOString()} to ${window.to.toISOString()}`);
    if (format === 'json') { process.stdout.write(JSON.stringify(built.report, null, 2) + '\n'); return 0; }
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, built.markdown, { mode: 0o600 });
    for (const c of built.charts) await writeFile(join(dirname(out), c.file), c.svg, { mode: 0o600 });
    console.log(out);
    return 0;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

function fail(message: string): number {
  console.error(`runbook report: ${message}`);
  return 2;
}

/** `20260314-0930`, UTC. */
function stamp(d: Date): string {
  return d.toISOString().slice(0, 16).replace(/-/g, '').replace('T', '-').replace(':', '');
}

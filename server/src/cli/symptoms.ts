// `runbook symptoms <file> --env <name>`: the runbook's symptoms evaluated in one round against the
// environment's Prometheus, as a table (or JSON). Read-only, like a hover: no confirmation, and
// only the Prometheus credential is needed (from the process environment), not the run secrets.
// Each round is a run record (`--records-dir`, default .runbook/runs), for the incident report.
// Exit: 0 none present, 1 some present, 3 none present but some could not be evaluated, 2 usage.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { buildModel } from '../model/build';
import { environmentList, loadEnvironments, processEnvSecrets, resolveEnvironment, startupEnvironment, MissingSecretError } from '../environments/resolve';
import { PrometheusClient } from '../prometheus/client';
import { symptomsOf } from '../symptoms/detect';
import { checkConditions, DEFAULT_CHECK_TIMEOUT_MS } from '../symptoms/check';
import { symptomLabel, symptomState } from '../symptoms/label';
import { redact } from '../run/redact';
import { DEFAULT_RECORDS_DIR, RunRecorder } from '../run/records';
import { operatorIn } from '../run/operator';
import { symptomCheckRecord } from '../symptoms/checkRecord';
import { workspaceRoot } from './workspaceRoot';

const usage = 'usage: runbook symptoms <file> [--env <name>] [--format text|json] [--timeout <seconds, default 10>] [--records-dir <dir>]';

class CliError extends Error {}

export async function symptomsCommand(argv: string[]): Promise<number> {
  try { return await symptoms(argv); } catch (e) {
    if (e instanceof CliError) { console.error(`runbook symptoms: ${e.message}`); return 2; }
    throw e;
  }
}

async function symptoms(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { env: { type: 'string' }, format: { type: 'string' }, timeout: { type: 'string' }, 'records-dir': { type: 'string' } } });
  } catch (e) { throw new CliError(`${(e as Error).message}\n${usage}`); }
  const o = args.values;
  if (args.positionals.length !== 1) throw new CliError(`give exactly one runbook file\n${usage}`);
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format expects text or json, got '${format}'`);
  const timeoutS = o.timeout === undefined ? DEFAULT_CHECK_TIMEOUT_MS / 1000 : Number(o.timeout);
  if (!(timeoutS > 0)) throw new CliError('--timeout must be a positive number of seconds');

  const file = resolve(args.positionals[0]);
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new CliError(`cannot read '${args.positionals[0]}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  const root = workspaceRoot(dirname(file));
  const envFile = await loadEnvironments(root).catch((e: Error) => { throw new CliError(e.message); });
  for (const d of envFile.diagnostics) console.error(`${envFile.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  if (envFile.diagnostics.some(d => d.severity === DiagnosticSeverity.Error)) throw new CliError(`fix ${envFile.file} first`);
  const envName = o.env ?? startupEnvironment(envFile);
  const def = environmentList(envFile).find(e => e.name === envName);
  if (!def) throw new CliError(`no environment '${envName}'. Known: ${environmentList(envFile).map(e => e.name).join(', ')}`);
  let env;
  try { env = await resolveEnvironment({ ...def, secrets: [] }, { workspaceFolder: root, baseEnv: process.env, secrets: processEnvSecrets() }); } catch (e) {
    if (e instanceof MissingSecretError) throw new CliError(e.message);
    throw e;
  }
  if (!env.prometheus) throw new CliError(`environment '${env.name}' has no Prometheus: add a \`prometheus:\` URL to it in .runbook/environments.yaml`);

  const model = buildModel(text, pathToFileURL(file).href);
  const found = symptomsOf(model, text);
  const shownFile = relative(process.cwd(), file) || file;
  const client = new PrometheusClient({ name: env.name, prometheus: { url: env.prometheus.url, headers: env.prometheus.headers } });
  try {
    const t0 = Date.now();
    const results = await checkConditions(found.map(s => s.expr), (expr, signal) => client.query(expr, { signal, time: Date.now() / 1000 }), { timeoutMs: timeoutS * 1000 });
    const durationMs = Date.now() - t0;
    const rows = found.map((s, i) => ({ line: s.range.start.line + 1, expr: s.expr, state: symptomState(results[i]), label: redact(symptomLabel(results[i]), env.secretValues), r: results[i] }));
    if (rows.length) {
      const recorder = new RunRecorder(o['records-dir'] ? resolve(o['records-dir']) : join(root, DEFAULT_RECORDS_DIR));
      const w = await recorder.appendEvent(symptomCheckRecord({
        time: new Date(), environment: env.name, runbook: relative(root, file), durationMs, symptoms: rows, ranBy: await operatorIn(dirname(file)),
      }), env.secretValues);
      // A check not recorded is still a check: said on stderr, the exit code is the symptoms'.
      if (!w.ok) console.error(`runbook symptoms: ${w.error}`);
    }
    if (format === 'json') {
      console.log(JSON.stringify({
        file: shownFile, env: env.name, checkedAt: new Date().toISOString(), durationMs,
        symptoms: rows.map(({ r, ...row }) => ({ ...row, ...(r.state === 'holds' ? { series: r.series.map(x => ({ labels: x.labels, value: x.value })) } : r.state === 'error' ? { reason: row.label.replace(/^\? could not evaluate: /, '') } : {}) })),
      }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2));
    } else if (!rows.length) {
      console.log(`${shownFile}: no symptoms (list items whose inline code is a PromQL condition on a metric)`);
    } else {
      console.log(`${shownFile} on ${env.name} (${rows.length} symptom${rows.length === 1 ? '' : 's'}, ${durationMs} ms)`);
      const w = Math.max(...rows.map(r => r.expr.length));
      for (const r of rows) console.log(`${String(r.line).padStart(5)}  ${r.expr.padEnd(w)}  ${r.label}`);
    }
    if (rows.some(r => r.state === 'present')) return 1;
    return rows.some(r => r.state === 'unknown') ? 3 : 0;
  } finally { await client.close(); }
}

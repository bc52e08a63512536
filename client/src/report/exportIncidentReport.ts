// "Runbook: Export Incident Report": the report engine (server/src/report/) over the run records,
// saved where the user picks, its charts next to it, then opened in the Markdown preview. The
// Runs view calls it with a selection's time range; from the palette it asks for one. Only stored
// credentials are used (a report never prompts for a secret); without one, the report says so.
import * as vscode from 'vscode';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { buildReport } from '../../../server/src/report/report';
import { chartFileName } from '../../../server/src/report/chartFile';
import { resolveEnvironment, hasPrometheus, originOf, sessionBaseEnv } from '../../../server/src/environments/resolve';
import { PrometheusClient } from '../../../server/src/prometheus/client';
import { MIN_SECRET_LENGTH } from '../../../server/src/run/redact';
import type { Environments } from '../environments/environments';
import { storedSecretSource } from '../environments/secretStorage';
import { recordsDir } from '../run/recorder';

export const EXPORT_INCIDENT_REPORT = 'runbook.exportIncidentReport';

export interface ExportReportArgs {
  /** ISO times; both or neither. Without them the user picks a range. */
  from?: string;
  to?: string;
  environment?: string;
  /** Workspace-relative runbook path, as the records hold it. */
  runbook?: string;
  /** Where to save, skipping the dialog (tests, scripted use). */
  target?: string;
}

const RANGES = [{ label: 'Last hour', hours: 1 }, { label: 'Last 6 hours', hours: 6 }, { label: 'Last 24 hours', hours: 24 }, { label: 'Last 7 days', hours: 168 }];

export function registerExportIncidentReport(context: vscode.ExtensionContext, envs: Environments): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_INCIDENT_REPORT, async (args: ExportReportArgs = {}) => {
    const window = args.from && args.to ? { from: new Date(args.from), to: new Date(args.to) } : await pickRange();
    if (!window || Number.isNaN(window.from.getTime()) || Number.isNaN(window.to.getTime())) return undefined;
    const folder = envs.folder()?.uri.fsPath;
    const target = args.target ?? (await vscode.window.showSaveDialog({
      title: 'Runbook: save the incident report',
      defaultUri: vscode.Uri.file(join(folder ?? context.globalStorageUri.fsPath, `incident-${window.to.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}.md`)),
      filters: { Markdown: ['md'] },
    }))?.fsPath;
    if (!target) return undefined;
    const stored = storedSecretSource(context.secrets);
    const clients: PrometheusClient[] = [];
    try {
      const secretValues = await storedSecretValues(envs, stored);
      const built = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Runbook: building the incident report…' }, () => buildReport({
        recordsDir: recordsDir(context.globalStorageUri),
        window,
        filter: { environment: args.environment, runbook: args.runbook },
        prometheus: async (name) => {
          const def = envs.find(name);
          if (!def) return `no environment '${name}' in .runbook/environments.yaml`;
          if (!hasPrometheus(def)) return `environment '${name}' has no Prometheus`;
          const env = await resolveEnvironment({ ...def, secrets: [] }, { workspaceFolder: folder ?? '', baseEnv: sessionBaseEnv(process.env), secrets: stored })
            .catch((e: Error) => e.message);
          if (typeof env === 'string') return `${env} (run a step on it once, so the credential is stored)`;
          const c = new PrometheusClient({ name: env.name, prometheus: env.prometheus! });
          clients.push(c);
          return c;
        },
        secretValues,
        chartFile: (metric, env) => chartFileName(basename(target), metric, env),
      }));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, built.markdown, { mode: 0o600 });
      for (const c of built.charts) await writeFile(join(dirname(target), c.file), c.svg, { mode: 0o600 });
      const uri = vscode.Uri.file(target);
      if (!args.target) await vscode.commands.executeCommand('markdown.showPreview', uri);
      if (!built.report.records.length) void vscode.window.showWarningMessage('Runbook: no run records in that time range; the report is empty.');
      return uri.toString();
    } catch (e) {
      void vscode.window.showErrorMessage(`Runbook: the incident report could not be written: ${(e as Error).message}`);
      return undefined;
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
}

async function pickRange(): Promise<{ from: Date; to: Date } | undefined> {
  const pick = await vscode.window.showQuickPick(RANGES, { title: 'Runbook: incident report for…' });
  if (!pick) return undefined;
  const to = new Date();
  return { from: new Date(to.getTime() - pick.hours * 3600_000), to };
}

/** Every stored secret of every environment, to mask in the report (as the CLI does with its own). */
async function storedSecretValues(envs: Environments, stored: ReturnType<typeof storedSecretSource>): Promise<string[]> {
  const out: string[] = [];
  for (const def of envs.list()) {
    const dest = def.prometheus?.url ? originOf(def.prometheus.url) : undefined;
    const asks: [string | undefined, string | undefined][] = [...def.secrets.map((n): [string, undefined] => [n, undefined]), [def.prometheus?.auth?.bearer, dest], [def.prometheus?.auth?.basic?.password, dest]];
    for (const [name, destination] of asks) {
      const v = name ? await stored.get(name, def.name, destination) : undefined;
      if (v && v.length >= MIN_SECRET_LENGTH) out.push(v);
    }
  }
  return out;
}

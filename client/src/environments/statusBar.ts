// The current environment in the status bar; a click opens the picker. Protected environments get
// the error background so that "you are on production" is visible from anywhere in the window.
// It also says whether the environment's Prometheus answers (asked on a switch, then every 30 s
// while a runbook is in view), so a hover that shows no value is explained before it is tried.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Environments } from './environments';
import { PROMETHEUS_STATUS_REQUEST, type PrometheusStatus } from '../../../server/src/lsp/features/prometheusStatusProtocol';

const POLL_MS = 30_000;

function reachabilityText(s: PrometheusStatus | undefined): { icon: string; tooltip: string } {
  if (!s) return { icon: '', tooltip: 'Prometheus: checking…' };
  switch (s.state) {
    case 'reachable': return { icon: ' $(pass)', tooltip: `Prometheus ${s.url} answers (${s.ms} ms${s.version ? `, version ${s.version}` : ''}).` };
    case 'refused': return { icon: ' $(warning)', tooltip: `Prometheus ${s.url} answers but refuses the credentials: ${s.reason}` };
    case 'unreachable': return { icon: ' $(error)', tooltip: `Prometheus ${s.url} is not reachable: ${s.reason}. Hovers and completion have no live values.` };
    case 'none': return { icon: '', tooltip: s.reason ? `No Prometheus: ${s.reason}` : 'This environment has no Prometheus.' };
  }
}

export function environmentStatusBar(envs: Environments, client?: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('runbook.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Runbook environment';
  item.command = 'runbook.pickEnvironment';
  let status: PrometheusStatus | undefined;
  const update = () => {
    const env = envs.current;
    const shown = status?.env === env.name ? status : undefined;
    const reach = reachabilityText(shown);
    item.text = `${env.protected ? '$(shield)' : '$(server-environment)'} ${env.name}${reach.icon}`;
    item.tooltip = (env.protected
      ? `Runbook steps run on PROTECTED environment "${env.name}". Click to pick another.`
      : `Runbook steps run on "${env.name}". Click to pick another.`) + `\n${reach.tooltip}`;
    item.backgroundColor = env.protected ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    // Shown beside runbooks, and always once a protected environment is chosen.
    const lang = vscode.window.activeTextEditor?.document.languageId;
    if (env.protected || lang === 'markdown' || lang === 'promql') item.show(); else item.hide();
  };
  let asking = false;
  const ask = async () => {
    const lang = vscode.window.activeTextEditor?.document.languageId;
    if (!client?.isRunning() || asking || (lang !== 'markdown' && lang !== 'promql')) return;
    asking = true;
    try {
      status = await client.sendRequest<PrometheusStatus>(PROMETHEUS_STATUS_REQUEST, {});
    } catch {
      status = undefined; // the server is restarting: say nothing rather than something stale
    } finally {
      asking = false;
    }
    update();
    // The environment changed while we were asking: ask about the new one.
    if (status && status.env !== envs.current.name) void ask();
  };
  const timer = setInterval(() => void ask(), POLL_MS);
  update();
  void ask();
  return vscode.Disposable.from(
    item,
    { dispose: () => clearInterval(timer) },
    envs.onDidChange(() => { status = undefined; update(); void ask(); }),
    vscode.window.onDidChangeActiveTextEditor(() => { update(); if (!status) void ask(); }),
    ...(client ? [client.onDidChangeState(() => void ask())] : []),
  );
}

// `alert/runbook-link` in runbooks and in the workspace's rule files, and `alert/no-rule` on
// headings titled after an alert no rule defines. Rule files are not open documents: their
// diagnostics are published by URI, again whenever rules, runbooks or the environment change.
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { Feature, FeatureContext } from '../featureContext';
import { diagnosticsBoardOf } from '../diagnosticsBoard';
import { indexService } from '../../index/service';
import { runStateOf } from './runState';
import { linkView } from '../../alertLinks/workspaceLinks';
import { linkDiagnostics, noRuleDiagnostics, rulesLinkHere } from '../../alertLinks/linkDiagnostics';
import { withoutPlainSuppressed } from '../../suppression/plain';

const LAYER = 'alert-links';
const RULE_FILES_DEBOUNCE_MS = 400;

const pathOf = (uri: string) => (uri.startsWith('file:') ? URI.parse(uri).fsPath : uri);

export function alertLinkChecker(ctx: FeatureContext) {
  const service = indexService(ctx);
  const catalog = service.rules;
  const view = () => linkView(service.index, service.roots, ctx.settings().alerts.runbookUrlPrefixes);
  let linkedMemo: { key: string; value: boolean } | undefined;
  catalog.onChange(() => { linkedMemo = undefined; });

  /** Whether the rules known (workspace, and live in `env`) are this workspace's own. */
  const rulesAreOurs = (env: string, v = view()): boolean => {
    const key = `${env}|${service.index.size}`;
    if (linkedMemo?.key === key) return linkedMemo.value;
    const links = [
      ...catalog.workspaceRules().filter((r) => r.fact.link).map((r) => ({ url: r.fact.link!.url, sourcePath: pathOf(r.uri) })),
      ...(catalog.liveRules(env) ?? []).filter((r) => r.runbookUrl).map((r) => ({ url: r.runbookUrl!, sourcePath: v.roots[0] ? join(v.roots[0], 'prometheus-rules') : '' })),
    ];
    linkedMemo = { key, value: rulesLinkHere(links, v) };
    return linkedMemo.value;
  };

  const runbook = (uri: string) => {
    // The analysis worker's facts of this very version: nothing is parsed or scanned here, so a
    // 4.8 MB runbook's check costs this thread no model build and no line scan.
    const result = ctx.store.analysis(uri);
    const doc = ctx.store.documents.get(uri);
    const facts = result?.alertLinks;
    if (!facts || !doc || doc.languageId !== 'markdown' || doc.version !== result.version) return [];
    const base = view();
    // The open document's own headings as typed, not as last indexed.
    const v = { ...base, titlesOf: (p: string) => (p === pathOf(uri) ? facts.titles : base.titlesOf(p)) };
    const rules = facts.rules;
    const diags = linkDiagnostics(rules, pathOf(uri), v);
    const env = runStateOf(ctx).env.name;
    if (rulesAreOurs(env, v)) {
      const known = catalog.names(env);
      for (const r of rules) known.add(r.name);
      const live = catalog.liveRules(env);
      diags.push(...noRuleDiagnostics(facts.alertHeadings, known, live ? `the workspace and ${env}'s Prometheus` : 'the workspace'));
    }
    return withoutPlainSuppressed(diags, result.suppressed);
  };

  const ruleFiles = () => {
    const v = view();
    return [...catalog.ruleFiles()].map(([uri, rules]) => ({ uri, diagnostics: linkDiagnostics(rules, pathOf(uri), v) }));
  };
  return { runbook, ruleFiles };
}

export const alertLinkDiagnosticsFeature: Feature = {
  capabilities: {},
  register(ctx) {
    const service = indexService(ctx);
    const board = diagnosticsBoardOf(ctx.connection);
    const check = alertLinkChecker(ctx);
    const published = new Set<string>();
    const checkRunbook = (uri: string) => {
      const result = ctx.store.analysis(uri);
      if (result?.alertLinks) board.set(uri, LAYER, check.runbook(uri), result.version);
    };
    let timer: NodeJS.Timeout | undefined;
    const checkRuleFiles = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const seen = new Set<string>();
        for (const { uri, diagnostics } of check.ruleFiles()) {
          seen.add(uri);
          if (diagnostics.length || published.has(uri)) board.set(uri, LAYER, diagnostics);
          if (diagnostics.length) published.add(uri); else published.delete(uri);
        }
        for (const uri of [...published]) if (!seen.has(uri)) { board.set(uri, LAYER, []); published.delete(uri); }
      }, RULE_FILES_DEBOUNCE_MS);
    };
    const all = () => { for (const d of ctx.store.documents.all()) checkRunbook(d.uri); checkRuleFiles(); };
    ctx.store.onAnalysed((uri, _r, pass) => {
      if (pass !== 'full') return;
      // Links are judged against the whole workspace: wait for the first crawl.
      void service.ready.then(() => { checkRunbook(uri); checkRuleFiles(); });
    });
    service.rules.onChange(() => { void service.ready.then(all); });
    runStateOf(ctx).onEnvironmentChange(() => { void service.ready.then(all); });
    void service.ready.then(checkRuleFiles);
  },
};

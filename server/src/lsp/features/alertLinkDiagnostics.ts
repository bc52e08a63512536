// `alert/runbook-link` in runbooks and in the workspace's rule files, and `alert/no-rule` on
// headings titled after an alert no rule defines. Rule files are not open documents: their
// diagnostics are published by URI, again whenever rules, runbooks or the environment change.
import { URI } from 'vscode-uri';
import type { Feature, FeatureContext } from '../featureContext';
import { diagnosticsBoardOf } from '../diagnosticsBoard';
import { indexService } from '../../index/service';
import { runStateOf } from './runState';
import { scanRunbook } from '../../index/lineScan';
import { linkView } from '../../alertLinks/workspaceLinks';
import { linkDiagnostics, noRuleDiagnostics, rulesLinkHere } from '../../alertLinks/linkDiagnostics';
import { withoutSuppressed } from '../../suppression/apply';

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
      ...(catalog.liveRules(env) ?? []).filter((r) => r.runbookUrl).map((r) => ({ url: r.runbookUrl!, sourcePath: v.roots[0] ?? '' })),
    ];
    linkedMemo = { key, value: rulesLinkHere(links, v) };
    return linkedMemo.value;
  };

  const runbook = (uri: string) => {
    const doc = ctx.store.documents.get(uri);
    // The model is built on this thread only on demand (the analysis runs on a worker).
    const model = doc && doc.languageId === 'markdown' ? ctx.store.model(uri) : undefined;
    if (!model || !doc) return [];
    const text = doc.getText();
    const base = view();
    // The open document's own headings as typed, not as last indexed.
    const own = model.sections.map((x) => x.title);
    const v = { ...base, titlesOf: (p: string) => (p === pathOf(uri) ? own : base.titlesOf(p)) };
    const rules = scanRunbook(text).rules ?? [];
    const diags = linkDiagnostics(rules, pathOf(uri), v);
    const env = runStateOf(ctx).env.name;
    if (rulesAreOurs(env, v)) {
      const known = catalog.names(env);
      for (const r of rules) known.add(r.name);
      const live = catalog.liveRules(env);
      diags.push(...noRuleDiagnostics(model.sections, known, live ? `the workspace and ${env}'s Prometheus` : 'the workspace'));
    }
    return withoutSuppressed(diags, text, model);
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
      const doc = ctx.store.documents.get(uri);
      if (doc && ctx.store.analysis(uri)) board.set(uri, LAYER, check.runbook(uri), doc.version);
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

// Tokenizes with VS Code's own TextMate engine when the test host has it (.vscode-test), so the
// grammar is proven under Oniguruma, not just JavaScript regexes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const vs = join(root, '.vscode-test/code-server/node_modules/code-server/lib/vscode');
const mods = join(vs, 'node_modules');
const markdownGrammar = join(vs, 'extensions/markdown-basics/syntaxes/markdown.tmLanguage.json');
// The engine ships inside the VS Code test host, not as a dependency: just the shapes we use.
interface Token { startIndex: number; endIndex: number; scopes: string[] }
interface Grammar { tokenizeLine(line: string, state: unknown): { tokens: Token[]; ruleStack: unknown } }
interface TextMate {
  INITIAL: unknown;
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  parseRawGrammar(content: string, path: string): unknown;
}
interface Oniguruma { loadWASM(data: ArrayBuffer): Promise<void>; OnigScanner: new (p: string[]) => unknown; OnigString: new (s: string) => unknown }

const present = existsSync(join(mods, 'vscode-textmate')) && existsSync(markdownGrammar);

async function registry() {
  const tm = require(join(mods, 'vscode-textmate')) as TextMate;
  const onig = require(join(mods, 'vscode-oniguruma')) as Oniguruma;
  await onig.loadWASM(readFileSync(join(mods, 'vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  const files: Record<string, string> = {
    'source.promql': join(root, 'syntaxes/promql.tmLanguage.json'),
    'markdown.promql.codeblock': join(root, 'syntaxes/promql.markdown.injection.tmLanguage.json'),
    'text.html.markdown': markdownGrammar,
  };
  return new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: async (scope: string) => (files[scope] ? tm.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope: string) => (scope === 'text.html.markdown' ? ['markdown.promql.codeblock'] : undefined),
  });
}

function scopesOf(grammar: Grammar, lines: string[], tm: TextMate) {
  let state = tm.INITIAL;
  const out: Record<string, string[]> = {};
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out[line.slice(t.startIndex, t.endIndex).trim()] ??= t.scopes;
    state = r.ruleStack;
  }
  return out;
}

test('VS Code tokenizes PromQL with the grammar, and ```promql fences in Markdown through the injection', { skip: !present && 'VS Code test host not installed' }, async () => {
  const tm = require(join(mods, 'vscode-textmate')) as TextMate;
  const reg = await registry();
  const promql = (await reg.loadGrammar('source.promql'))!;
  const s = scopesOf(promql, ['sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.5 # note'], tm);
  assert.ok(s['rate'].includes('support.function.promql'));
  assert.ok(s['sum'].includes('keyword.other.aggregation.promql'));
  assert.ok(s['job'].includes('entity.other.attribute-name.label.promql'));
  assert.ok(s['http_requests_total'].includes('variable.other.metric.promql'));
  assert.ok(s['5m'].includes('constant.numeric.duration.promql'));
  assert.ok(s['# note'].includes('comment.line.number-sign.promql'));
  const md = (await reg.loadGrammar('text.html.markdown'))!;
  const m = scopesOf(md, ['# Title', '', '```promql', 'rate(x_total[5m])', '```', '', 'rate(prose)'], tm);
  assert.ok(m['rate'].includes('support.function.promql'), m['rate'].join(' '));
  assert.ok(m['rate'].includes('meta.embedded.block.promql'));
  assert.ok(!(m['rate(prose)'] ?? []).some((x) => x.includes('promql')));
});

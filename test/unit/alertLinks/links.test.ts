import test from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { githubSlug, headingSlugs } from '../../../server/src/alertLinks/slug';
import { rulesInText, looksLikeRuleFile } from '../../../server/src/alertLinks/ruleLines';
import { resolveRunbookUrl, type LinkWorkspace } from '../../../server/src/alertLinks/linkTarget';
import { linkProblem } from '../../../server/src/alertLinks/linkCheck';
import { alertNameOfHeading } from '../../../server/src/alertLinks/alertHeadings';
import { noRuleDiagnostics } from '../../../server/src/alertLinks/linkDiagnostics';
import { scanRunbook } from '../../../server/src/index/lineScan';

const root = '/ws';
const titles: Record<string, string[]> = {
  [join(root, 'runbooks/treasury.md')]: ['Treasury', 'TreasuryStuck', 'Diagnose', 'Diagnose'],
  [join(root, 'runbooks/ledger.md')]: ['Ledger'],
};
const ws: LinkWorkspace & { titlesOf(p: string): string[] | undefined } = {
  roots: [root],
  prefixes: ['https://git.example.com/ops/blob/main/'],
  runbooks: () => Object.keys(titles),
  exists: (p) => p in titles,
  titlesOf: (p) => titles[p],
};
const rules = join(root, 'rules/treasury.yml');
const problem = (url: string) => linkProblem(resolveRunbookUrl(url, rules, ws), ws.titlesOf, root);

test('GitHub heading slugs: punctuation dropped, spaces to hyphens, repeats numbered', () => {
  assert.equal(githubSlug('Step 1: `kubectl get` pods!'), 'step-1-kubectl-get-pods');
  assert.equal(githubSlug('Émoji 🔥 ok'), 'émoji--ok');
  assert.deepEqual(headingSlugs(['Diagnose', 'Diagnose', 'Diagnose-1']), ['diagnose', 'diagnose-1', 'diagnose-1-1']);
});

test('rules and their runbook links, line by line, with positions', () => {
  const text = 'groups:\n- name: t\n  rules:\n  - alert: TreasuryStuck\n    expr: x > 1\n    annotations:\n      runbook_url: "runbooks/treasury.md#treasurystuck"\n  - record: job:x\n    expr: x\n    annotations:\n      runbook_url: nowhere.md\n  - alert: \'Other\'\n    expr: y\n';
  assert.ok(looksLikeRuleFile(text));
  const r = rulesInText(text);
  assert.deepEqual(r.map((x) => x.name), ['TreasuryStuck', 'Other']);
  assert.deepEqual(r[0], { name: 'TreasuryStuck', line: 3, char: 11, endChar: 24, link: { url: 'runbooks/treasury.md#treasurystuck', line: 6, char: 20, endChar: 54 } });
  assert.equal(r[1].link, undefined, 'a recording rule\'s annotation is no alert\'s link');
  assert.equal(looksLikeRuleFile('groups:\n- name: x\n'), false);
});

test('runbooks: rules in YAML blocks are index facts', () => {
  const f = scanRunbook('# T\n\n```yaml\n- alert: TreasuryStuck\n  annotations:\n    runbook: "#treasurystuck"\n```\n');
  assert.equal(f.rules?.[0].name, 'TreasuryStuck');
  assert.equal(f.rules?.[0].link?.url, '#treasurystuck');
  assert.equal(scanRunbook('# T\n').rules, undefined);
});

test('links: relative to the rule file or a root, a URL prefix, a URL ending in a runbook path', () => {
  assert.deepEqual(resolveRunbookUrl('../runbooks/treasury.md#diagnose', rules, ws), { kind: 'runbook', path: join(root, 'runbooks/treasury.md'), anchor: 'diagnose' });
  assert.deepEqual(resolveRunbookUrl('runbooks/treasury.md', rules, ws), { kind: 'runbook', path: join(root, 'runbooks/treasury.md'), anchor: undefined });
  assert.equal(resolveRunbookUrl('https://git.example.com/ops/blob/main/runbooks/ledger.md', rules, ws).kind, 'runbook');
  assert.equal(resolveRunbookUrl('https://runbooks.example.com/runbooks/Treasury#treasurystuck', rules, ws).kind, 'runbook');
  assert.equal(resolveRunbookUrl('https://wiki.example.com/x/ops', rules, ws).kind, 'unchecked');
  assert.equal(resolveRunbookUrl('https://runbooks.example.com/{{ $labels.alertname }}', rules, ws).kind, 'unchecked');
});

test('broken links are named, with the nearest heading', () => {
  assert.equal(problem('../runbooks/treasury.md#treasurystuck'), undefined);
  assert.equal(problem('../runbooks/treasury.md#diagnose-1'), undefined, 'repeated headings are numbered as GitHub does');
  assert.equal(problem('../runbooks/treasury.md#TreasuryStuck'), undefined, 'an anchor in the heading\'s case lands on GitHub too');
  assert.match(problem('../runbooks/treasury.md#treasury-stuck')!, /no such heading\. Did you mean #treasurystuck\?/);
  assert.match(problem('runbooks/gone.md')!, /points to runbooks\/gone\.md, which is not in the workspace/);
  assert.match(problem('https://git.example.com/ops/blob/main/runbooks/gone.md')!, /not in the workspace/);
  assert.equal(problem('https://wiki.example.com/ops#x'), undefined, 'another site is not ours to judge');
});

test('headings titled after an alert, and no others', () => {
  assert.equal(alertNameOfHeading('TreasuryStuck'), 'TreasuryStuck');
  assert.equal(alertNameOfHeading('Alert: KubeAPIDown'), 'KubeAPIDown');
  assert.equal(alertNameOfHeading('`HTTPErrorsHigh`'), 'HTTPErrorsHigh');
  for (const t of ['Overview', 'APIs', 'High CPU', 'Mitigation steps', 'KUBECONFIG', 'treasuryStuck']) assert.equal(alertNameOfHeading(t), undefined, t);
});

test('alert/no-rule: information on a heading no known rule defines', () => {
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
  const d = noRuleDiagnostics([{ title: 'TreasuryStuck', headingRange: at }, { title: 'LedgerLagging', headingRange: at }, { title: 'Overview', headingRange: at }], new Set(['TreasuryStuck']), 'the workspace');
  assert.deepEqual(d.map((x) => [x.code, x.severity, x.message.split(' is known')[0]]), [['alert/no-rule', 3, 'No alerting rule named LedgerLagging']]);
});

test('alert/no-rule is gated: the known rules must link to one of the workspace\'s runbooks', async () => {
  const { rulesLinkHere } = await import('../../../server/src/alertLinks/linkDiagnostics');
  const view = { ...ws, titlesOf: ws.titlesOf };
  assert.equal(rulesLinkHere([], view), false, 'no rules: a runbook collection without its rules says nothing');
  assert.equal(rulesLinkHere([{ url: 'https://wiki.example.com/treasury', sourcePath: rules }, { url: 'runbooks/gone.md', sourcePath: rules }], view), false);
  assert.equal(rulesLinkHere([{ url: 'https://wiki.example.com/x', sourcePath: rules }, { url: '../runbooks/ledger.md', sourcePath: rules }], view), true);
});

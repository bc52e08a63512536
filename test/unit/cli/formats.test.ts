// `runbook check --format sarif|github`: a real process, its output checked against the published
// SARIF 2.1.0 schema and against the workflow-command escaping rules.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { escapeData, escapeProperty } from '../../../server/src/cli/format/github';

const root = join(__dirname, '../../..');
// The run's cwd is the scratch workspace, so tsx is named by path.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const schema = JSON.parse(readFileSync(join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

function check(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'server/src/cli/main.ts'), 'check', ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// An error (unclosed PromQL paren), a warning (kubectl delete), a ShellCheck finding and a
// placeholder hint, one of them after an emoji so UTF-16 columns show.
const runbook = [
  '# Checkout 🚨 down', '',
  '```promql', 'sum(rate(http_requests_total[5m])', '```', '',
  '```bash', 'kubectl delete pod <pod> -n payments', 'echo $1 🚨 $UNSET_THING', '```', '',
].join('\n');

function workspace(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-formats-'));
  writeFileSync(join(dir, name), runbook);
  return { dir, file: name };
}

interface SarifLog { version: string; runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] }

test('SARIF validates against the published 2.1.0 schema, with a rule and help text per code', () => {
  const { dir, file } = workspace('checkout.md');
  const r = check(dir, '--format', 'sarif', file);
  assert.equal(r.code, 1, r.err);
  const log = JSON.parse(r.out) as SarifLog;
  const validate = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const ids = run.tool.driver.rules.map((x) => x.id);
  assert.ok(ids.includes('promql/syntax') && ids.includes('command/dangerous'), ids.join(' '));
  for (const rule of run.tool.driver.rules) assert.ok(rule.help.text.length > 20, `help for ${rule.id}`);
  for (const res of run.results) assert.equal(ids[res.ruleIndex], res.ruleId);
  assert.ok(run.results.some((x) => x.level === 'error') && run.results.some((x) => x.level === 'warning'));
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'checkout.md');
});

test('SARIF regions are the text format\'s 1-based lines and columns', () => {
  const { dir, file } = workspace('checkout.md');
  const text = check(dir, file).out.trim().split('\n').map((l) => l.match(/^checkout\.md:(\d+):(\d+): \w+ (\S+) /)!.slice(1));
  const sarif = (JSON.parse(check(dir, '--format', 'sarif', file).out) as SarifLog).runs[0].results
    .map((x) => [String(x.locations[0].physicalLocation.region.startLine), String(x.locations[0].physicalLocation.region.startColumn), x.ruleId]);
  assert.ok(text.length >= 3);
  assert.deepEqual(sarif, text);
});

test('GitHub format: workflow commands with 1-based positions, properties and messages escaped', () => {
  const { dir, file } = workspace('pay,ments:100%.md');
  const r = check(dir, '--format', 'github', file);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trim().split('\n');
  assert.ok(lines.every((l) => /^::(error|warning|notice) file=pay%2Cments%3A100%25\.md,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[^,:]+::\S/.test(l)), r.out);
  assert.ok(lines.some((l) => l.startsWith('::error ') && l.includes('line=4,') && l.includes('title=promql/syntax')));
  assert.ok(lines.some((l) => l.startsWith('::warning ') && l.includes('title=command/dangerous')));
  assert.ok(!lines.some((l) => l.includes('line=8,') && l.includes('title=placeholder')), 'hints (<pod>) are not annotations');
  assert.ok(!lines.some((l) => l.includes('title=SC2086')), 'nor ShellCheck style hints');
});

test('workflow-command escaping: data escapes %, CR, LF; properties also : and ,', () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
});

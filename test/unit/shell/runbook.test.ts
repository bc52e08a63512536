// The command checks through the real pipeline, on a fixture runbook modelled on field runbooks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import type { Fix, TextEditDoc } from '../../../server/src/analysis/types';

const text = readFileSync(new URL('../../fixtures/shell/runbook.md', `file://${__filename}`), 'utf8');
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

function applyFirstFix(source: string, d: Diagnostic): string {
  const fix = (d.data as { fixes: Fix<TextEditDoc>[] }).fixes[0];
  const doc = TextDocument.create('file:///x.md', 'markdown', 0, source);
  return TextDocument.applyEdits(doc, fix.edits);
}

test('placeholders, mismatches, dangers and unfenced commands on a runbook', async () => {
  const { analysis } = await analyzeText(text, { envVariables: new Set(['CLUSTER']) });
  const at = (code: string) => analysis.diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);

  const rev = analysis.placeholders.find((p) => p.text === '<REV>');
  assert.ok(rev);
  assert.equal(rev.name, 'REV');
  assert.equal(rev.range.start.line, lineOf('helm rollback payments <REV>'));

  assert.deepEqual(at('block/language-mismatch'), [lineOf('"status": "healthy"') - 1, lineOf('/var/log/payments'), lineOf('{"id": 1'), lineOf('kubectl get pods -n prod')]);
  assert.deepEqual(at('shell/syntax'), [lineOf('$ echo "done')], 'only the transcript command with the unclosed quote');
  assert.equal(analysis.diagnostics.find((d) => d.code === 'shell/syntax')!.range.start.character, '$ echo '.length);
  assert.deepEqual(at('markdown/unfenced-command'), [lineOf('kubectl rollout restart')]);
  assert.deepEqual(analysis.dangers.map((d) => d.rule), ['helm-rollback', 'kubectl-scale-zero']);

  // $APP is needed (two occurrences recorded, one diagnostic per block); NAMESPACE is exported
  // earlier, CLUSTER comes from the environment, pod/HOME/$1/REGION-with-default are not needs.
  const vars = analysis.placeholders.filter((p) => p.kind === 'variable');
  assert.deepEqual(vars.map((p) => p.name), ['APP', 'APP']);
  assert.equal(analysis.diagnostics.filter((d) => d.code === 'placeholder' && d.severity === 3).length, 2);
  assert.ok(analysis.diagnostics.filter((d) => d.code === 'placeholder').every((d) => d.severity! >= 3), 'never an error');
});

test('the language-mismatch fix retags the block, and the warning goes away', async () => {
  const { analysis } = await analyzeText(text);
  const d = analysis.diagnostics.find((x) => x.code === 'block/language-mismatch' && x.message.includes('looks like JSON'));
  assert.ok(d);
  const fixed = applyFirstFix(text, d);
  assert.ok(fixed.includes('```json\n{"id": 1'));
  const after = await analyzeText(fixed);
  assert.ok(!after.analysis.diagnostics.some((x) => x.code === 'block/language-mismatch' && x.message.includes('looks like JSON')));
});

test('the unfenced-command fix wraps the line in a bash fence', async () => {
  const { analysis } = await analyzeText(text);
  const d = analysis.diagnostics.find((x) => x.code === 'markdown/unfenced-command')!;
  const fixed = applyFirstFix(text, d);
  assert.ok(fixed.includes('Then restart it:\n```bash\nkubectl rollout restart deploy/payments -n prod\n```\n'));
  const after = await analyzeText(fixed);
  assert.ok(!after.analysis.diagnostics.some((x) => x.code === 'markdown/unfenced-command'));
  assert.ok(after.model.blocks.some((b) => b.lang === 'shell' && b.body === 'kubectl rollout restart deploy/payments -n prod'));
});

test('a ShellCheck quick fix applied through the pipeline removes the finding', { skip: !hasShellcheck }, async () => {
  const doc = '# Clean up\n\n1. Remove the temp file:\n   ```bash\n   rm -f $TMPFILE\n   ```\n';
  const before = await analyzeText(doc, { includeSlow: true });
  const d = before.analysis.diagnostics.find((x) => x.code === 'SC2086');
  assert.ok(d);
  assert.equal(d.source, 'shellcheck');
  assert.deepEqual(d.codeDescription, { href: 'https://www.shellcheck.net/wiki/SC2086' });
  assert.deepEqual(d.range, { start: { line: 4, character: 9 }, end: { line: 4, character: 17 } });
  const fixed = applyFirstFix(doc, d);
  assert.ok(fixed.includes('   rm -f "$TMPFILE"\n'));
  const after = await analyzeText(fixed, { includeSlow: true });
  assert.ok(!after.analysis.diagnostics.some((x) => x.source === 'shellcheck'));
});

test('the bash-tag fix on a bare fence adds the info string', async () => {
  const doc = '# Check\n\n```\nkubectl get pods -n prod\n```\n';
  const { analysis } = await analyzeText(doc);
  const d = analysis.diagnostics.find((x) => x.code === 'block/language-mismatch');
  assert.ok(d);
  const fixed = applyFirstFix(doc, d);
  assert.equal(fixed, '# Check\n\n```bash\nkubectl get pods -n prod\n```\n');
  const after = await analyzeText(fixed);
  assert.ok(!after.analysis.diagnostics.some((x) => x.code === 'block/language-mismatch'));
});

test('an untagged fence of commands still has its dangers named; prose-like or indented code does not', async () => {
  const md = '# Clean up\n\n```\n# old jobs\nkubectl delete jobs -l stale=true -n batch\n```\n\n```\nThe job list\n```\n\n    kubectl delete pod x\n';
  const { analysis } = await analyzeText(md, {});
  const dangers = analysis.diagnostics.filter((d) => d.code === 'command/dangerous');
  assert.deepEqual(dangers.map((d) => d.range.start.line), [4]);
  assert.equal(analysis.dangers.length, 1);
});

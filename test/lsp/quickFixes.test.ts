// Quick fixes and suppression over real stdio (real ShellCheck): each fix is applied to the text,
// and the re-analysed text no longer has the problem, and gains no other.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { startServer, type LspSession } from '../tools/lspClient';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
let s: LspSession;
let n = 0;
before(async () => { s = await startServer({ initializationOptions: { fillPlaceholderCommand: true } }); });
after(async () => { await s?.stop(); });

async function open(text: string, until: (d: Diagnostic[]) => boolean = () => true): Promise<{ uri: string; diags: Diagnostic[] }> {
  const uri = `file:///fix-${++n}.md`;
  const wait = s.diagnostics(uri, until, 20_000);
  s.open(uri, text);
  return { uri, diags: await wait };
}
async function actions(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as CodeAction[];
}
function apply(text: string, uri: string, a: CodeAction): string {
  const edits = (a.edit?.changes?.[uri] ?? []) as TextEdit[];
  assert.ok(edits.length, `${a.title} edits the document`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits);
}
const codes = (d: Diagnostic[]) => d.map(x => String(x.code)).sort();

test('`for 10m` in an expression: the fix moves the duration into a comment, and the error goes', async () => {
  const text = '# Backlog\n\n```promql\ntreasury_backlog > 100 for 10m\n```\n';
  const { uri, diags } = await open(text, d => d.some(x => x.code === 'promql/syntax'));
  const err = diags.find(x => x.code === 'promql/syntax')!;
  const fix = (await actions(uri, err)).find(a => /Move `for 10m` into a comment/.test(a.title));
  assert.ok(fix, 'a fix is offered');
  const fixed = apply(text, uri, fix);
  assert.match(fixed, /^treasury_backlog > 100  # for 10m$/m);
  const again = await open(fixed);
  assert.deepEqual(codes(again.diags).filter(c => c.startsWith('promql')), []);
});

test('a ShellCheck finding in a list item: "# shellcheck disable=SCnnnn" above the command, inside the item', { skip: hasShellcheck ? false : 'shellcheck not installed' }, async () => {
  const text = '# Logs\n\n1. Compress:\n\n   ```bash\n   echo start\n   for f in $(ls /var/log/app/*.log); do\n     gzip "$f"\n   done\n   ```\n';
  const { uri, diags } = await open(text, d => d.some(x => x.code === 'SC2045'));
  const sc = diags.find(x => x.code === 'SC2045')!;
  const fix = (await actions(uri, sc)).find(a => /# shellcheck disable=SC2045/.test(a.title));
  assert.ok(fix);
  const fixed = apply(text, uri, fix);
  assert.ok(fixed.includes('   echo start\n   # shellcheck disable=SC2045\n   for f in'), fixed);
  const again = await open(fixed, d => !d.some(x => x.code === 'SC2045'));
  assert.deepEqual(codes(again.diags).filter(c => c !== 'placeholder'), codes(diags).filter(c => c !== 'SC2045' && c !== 'placeholder'));
});

test('a placeholder: "Fill in <ID>…" is the client\'s command, with every place in the block', async () => {
  const text = '# Payout\n\n```bash\npayoutctl show --id <ID>\npayoutctl retry --id <ID>\n```\n\n```bash\necho <ID>\n```\n';
  const { uri, diags } = await open(text, d => d.some(x => x.code === 'placeholder'));
  const ph = diags.find(x => x.code === 'placeholder' && x.range.start.line === 3)!;
  const fill = (await actions(uri, ph)).find(a => a.title === 'Fill in <ID>…');
  assert.ok(fill?.command, 'offered as a command');
  assert.equal(fill.command.command, 'runbook.fillPlaceholder');
  const args = fill.command.arguments![0] as { text: string; ranges: unknown[] };
  assert.equal(args.text, '<ID>');
  assert.deepEqual(args.ranges, [
    { start: { line: 3, character: 20 }, end: { line: 3, character: 24 } },
    { start: { line: 4, character: 21 }, end: { line: 4, character: 25 } },
  ], 'both places in this block, not the other block');
});

test('<!-- runbook-disable CODE --> silences that code in the next block only; -file in the whole file', async () => {
  const text = [
    '# Cleanup', '',
    '<!-- runbook-disable command/dangerous -->',
    '```bash', 'rm -rf /var/cache/app/*', '```', '',
    '```bash', 'rm -rf /var/tmp/app/*', '```', '',
    '<!-- runbook-disable-file promql/syntax -->',
    '```promql', 'x > 1 for 5m', '```', '',
    '```bash', '# <!-- runbook-disable-file SC2086 --> is code here, not a directive', 'echo $1', '```', '',
  ].join('\n');
  const { diags } = await open(text, d => d.some(x => x.code === 'command/dangerous'));
  const dangerous = diags.filter(x => x.code === 'command/dangerous').map(x => x.range.start.line);
  assert.deepEqual(dangerous, [8], 'the first block is silenced, the second is not');
  assert.ok(!diags.some(x => x.code === 'promql/syntax'), 'silenced in the file');
});

test('"Silence CODE in this block" writes the directive, and the diagnostic goes', async () => {
  const text = '# Cleanup\n\n- Clear:\n\n  ```bash\n  rm -rf /var/cache/app/*\n  ```\n';
  const { uri, diags } = await open(text, d => d.some(x => x.code === 'command/dangerous'));
  const d = diags.find(x => x.code === 'command/dangerous')!;
  const silence = (await actions(uri, d)).find(a => a.title.startsWith('Silence command/dangerous in this block'));
  assert.ok(silence);
  const fixed = apply(text, uri, silence);
  assert.ok(fixed.includes('  <!-- runbook-disable command/dangerous -->\n  ```bash'), fixed);
  const again = await open(fixed);
  assert.ok(!again.diags.some(x => x.code === 'command/dangerous'));
});

// The server over real stdio against hostile documents: every one gets its diagnostic, requests on
// them are answered, the process never dies, and a small document opened next to a big one still
// gets its diagnostics.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type LspSession } from '../tools/lspClient';
import { generateRunbook } from '../tools/generate';

let s: LspSession;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const hostile: Record<string, [string, string]> = {
  'binary.md': ['\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000', 'runbook/binary'],
  'deep-list.md': ['- '.repeat(5000) + 'x\n', 'runbook/too-deep'],
  'deep-quote.md': ['>'.repeat(5000) + ' `up`\n', 'runbook/too-deep'],
  'huge-line.md': ['kubectl get pods `up` '.repeat(300_000), 'runbook/too-large'],
};

for (const [name, [text, code]] of Object.entries(hostile)) {
  test(`${name}: ${code}, and outline/folding/lens/hover requests still answer`, async () => {
    const uri = `file:///tmp/hostile/${name}`;
    const wait = s.diagnostics(uri);
    s.open(uri, text);
    assert.deepEqual((await wait).map(d => d.code), [code]);
    const at = { textDocument: { uri } };
    // The editor asks for these on every open. sendRequest rejects on an error response (a
    // handler that threw); a stack overflow in the model would have killed the server.
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens']) {
      await s.conn.sendRequest(method, at);
    }
    await s.conn.sendRequest('textDocument/hover', { ...at, position: { line: 0, character: 2 } });
    assert.equal(s.proc.exitCode, null, 'server still running');
  });
}

test('a small document gets its diagnostics while a big one is open, and the server stays up', async () => {
  const big = 'file:///tmp/hostile/big.md';
  const small = 'file:///tmp/hostile/small.md';
  // The big document's cold parse yields between slices (model/prewarm.ts), so the small one,
  // opened after it, is analysed in between and answered first.
  const arrivals: string[] = [];
  const bigDone = s.diagnostics(big, () => (arrivals.push('big'), true), 180_000);
  const smallDone = s.diagnostics(small, d => d.some(x => x.code === 'markdown/unclosed-fence') && (arrivals.push('small'), true), 180_000);
  s.open(big, generateRunbook(3 * 1024 * 1024, 9));
  s.open(small, '# Small\n\n```bash\nls\n');
  await Promise.all([bigDone, smallDone]);
  const syms = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: small } }) as { name: string }[];
  assert.equal(syms[0].name, 'Small');
  assert.equal(s.proc.exitCode, null);
  assert.deepEqual(arrivals, ['small', 'big']);
});

test('opening, checking (ShellCheck pass included), hovering and completing never execute the runbook', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-noexec-'));
  const m = (n: string) => join(dir, n);
  const text = [
    '# Restart', '',
    `Run \`$(touch ${m('inline')})\` or \`rate(x[5m])\`.`, '',
    '```bash', `touch ${m('bash')}`, `echo $(touch ${m('subst')}) $UNQUOTED`, `cat <<EOF > ${m('heredoc')}`, 'x', 'EOF', '```', '',
    '```console', `$ touch ${m('console')}`, '```', '',
    '```promql', `up{job="$(touch ${m('promql')})"}`, '```', '',
    '```yaml', `cmd: !!js/function "function(){ require('fs').writeFileSync('${m('yaml')}', '') }"`, '```', '',
  ].join('\n');
  const uri = 'file:///tmp/noexec/runbook.md';
  const full = s.diagnostics(uri, d => d.some(x => x.source === 'shellcheck'), 60_000);
  s.open(uri, text);
  await full;
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    for (const character of [0, 3, Math.floor(lines[line].length / 2)]) {
      await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    }
  }
  for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens']) await s.conn.sendRequest(method, { textDocument: { uri } });
  assert.deepEqual(readdirSync(dir), [], 'nothing ran');
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { shellSyntaxFindings } from '../../../server/src/shell/syntaxAnalyzer';
import { utf8ToUtf16 } from '../../../server/src/shell/columns';
import { prepareShell } from '../../../server/src/shell/prepare';
import { buildModel } from '../../../server/src/model/build';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/shell/${name}`, `file://${__filename}`), 'utf8');
const bashAccepts = (text: string) => spawnSync('bash', ['-n'], { input: text }).status === 0;

for (const name of ['heredoc.sh', 'arithmetic.sh', 'tee.sh', 'process-substitution.sh', 'helm-rollback.sh']) {
  test(`${name} is clean`, async () => {
    const body = fixture(name);
    assert.ok(bashAccepts(body), 'bash -n accepts the fixture');
    assert.deepEqual(await shellSyntaxFindings(body), {});
  });
}

test('an unclosed quote is reported at its line and UTF-16 column', async () => {
  const body = fixture('unclosed-quote.sh');
  assert.ok(!bashAccepts(body));
  const [d] = (await shellSyntaxFindings(body)).diagnostics ?? [];
  assert.equal(d.code, 'shell/syntax');
  assert.equal(d.severity, 1);
  assert.match(d.message, /without closing quote/);
  const lines = body.slice(0, d.span.start).split('\n');
  assert.equal(lines.length - 1, 2, 'third line');
  assert.equal(lines[lines.length - 1], 'echo café ', 'column counts é as one UTF-16 unit');
  assert.equal(body.slice(d.span.start, d.span.end), '"');
});

test('an error after a placeholder is still found, the placeholder is not', async () => {
  const body = 'kill -TERM <pid>\nif true; then\n  echo ok\n';
  const [d] = (await shellSyntaxFindings(body)).diagnostics ?? [];
  assert.match(d.message, /fi/);
  assert.equal(d.span.start, body.indexOf('if'));
});

test('UTF-8 byte offsets map to UTF-16 offsets', () => {
  const s = 'aé😀b';
  assert.equal(utf8ToUtf16(s, 1), 1);
  assert.equal(utf8ToUtf16(s, 3), 2);
  assert.equal(utf8ToUtf16(s, 7), 4);
  assert.equal(utf8ToUtf16(s, 8), 5);
});

const corpus = '/work/shared/corpus';
test('agrees with bash -n on the field corpus (placeholders masked, foreign content skipped)', { skip: !existsSync(corpus) }, async () => {
  let checked = 0;
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.md'))) {
    for (const block of buildModel(readFileSync(`${corpus}/${file}`, 'utf8')).blocks) {
      if (block.lang !== 'shell') continue;
      const prepared = prepareShell(block.body);
      if (prepared.foreign) continue;
      const ours = (await shellSyntaxFindings(block.body)).diagnostics?.length ?? 0;
      assert.equal(ours === 0, bashAccepts(prepared.text), `${file} block ${block.index}`);
      checked++;
    }
  }
  assert.ok(checked > 50, `checked ${checked} blocks`);
});

test('the reused parser instance stays correct across many calls and recycles', async () => {
  for (let i = 0; i < 350; i++) {
    const body = i % 7 ? `kubectl get pods -n ns${i} | grep -v Running\n` : `echo "open ${i}\n`;
    const f = await shellSyntaxFindings(body);
    assert.equal(!!f.diagnostics, i % 7 === 0, `call ${i}`);
  }
});

test('a block too large for the parser fails with a clear message, and the next block is fine', async () => {
  const huge = 'kubectl get pods -n prod | grep -v Running | awk \'{print $1}\'\n'.repeat(9000);
  await assert.rejects(shellSyntaxFindings(huge), /too large for the shell parser/);
  assert.equal((await shellSyntaxFindings('echo "x')).diagnostics?.length, 1);
});

test('a console transcript under ```bash: only the commands are parsed', async () => {
  const body = '$ kubectl get pods -n prod\nNAME      READY   STATUS (since 3d)\napi-0     1/1     Running\n$ echo done';
  assert.ok(!bashAccepts(body));
  assert.deepEqual(await shellSyntaxFindings(body), {});
  const broken = await shellSyntaxFindings(body + ' "unclosed');
  assert.equal(broken.diagnostics?.[0].span.start, body.length + 1);
});

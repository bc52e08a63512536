import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { scratchDir } from './helpers';
import { substitute, placeholderPrompts, memoryValueStore, rememberValues, isSecretName, secretValuesOf, MissingValueError } from '../../../server/src/run/substitute';
import { contextAt, contextScan, UnsafeSubstitutionError } from '../../../server/src/run/quote';
import { lexShell } from '../../../server/src/shell/lexer';

const hostile = [
  'a b  c', "it's", '"quoted"', '$(touch pwned-cmdsub)', "'; touch pwned-single; '", '`touch pwned-backtick`',
  '"; touch pwned-double; "', '\\"; touch pwned-esc; #', '$HOME', '${IFS}x', 'a\\b\\\\', '*', '-n', '', '!!', '&& touch pwned-and',
  '$\'\\x41\'', 'tab\there', 'multi\nline; touch pwned-newline',
];

// Each template prints the placeholder's value (prefixed) so the test can compare it exactly.
const templates: { name: string; body: string; expect: (v: string) => string; noNewline?: boolean }[] = [
  { name: 'bare word', body: "printf '[%s]\\n' <val>", expect: (v) => `[${v}]\n` },
  { name: 'glued to a word', body: "printf '[%s]\\n' pre-<val>", expect: (v) => `[pre-${v}]\n` },
  { name: 'double quotes', body: "printf '[%s]\\n' \"v=<val>\"", expect: (v) => `[v=${v}]\n` },
  { name: 'single quotes', body: "printf '[%s]\\n' 'v=<val>'", expect: (v) => `[v=${v}]\n` },
  { name: 'ANSI-C quotes', body: "printf '[%s]\\n' $'v=<val>'", expect: (v) => `[v=${v}]\n` },
  { name: 'command substitution in double quotes', body: "printf '[%s]\\n' \"$(printf '%s' <val>)\"", expect: (v) => `[${v}]\n` },
  { name: 'here-document', body: 'cat <<EOF\nv=<val>\nEOF', expect: (v) => `v=${v}\n`, noNewline: true },
  { name: 'quoted here-document', body: "cat <<'EOF'\nv=<val>\nEOF", expect: (v) => `v=${v}\n`, noNewline: true },
  // The model keeps CRLF in block bodies; the session runs LF. After `EOF\r` the placeholder is code.
  { name: 'after a here-document in a CRLF runbook', body: "cat <<EOF\r\nhead\r\nEOF\r\nprintf '[%s]\\n' <val>\r\n", expect: (v) => `head\n[${v}]\n`, noNewline: true },
  { name: 'partly quoted here-document word, then code', body: "cat <<E\"OF\"\nv=<val>\nEOF\nprintf '[%s]\\n' <val>", expect: (v) => `v=${v}\n[${v}]\n`, noNewline: true },
];

for (const t of templates) {
  test(`hostile values are substituted literally: ${t.name}`, () => {
    const dir = scratchDir('runbook-subst-');
    for (const v of hostile) {
      if (t.noNewline && v.includes('\n')) {
        assert.throws(() => substitute(t.body, { val: v }), UnsafeSubstitutionError);
        continue;
      }
      const { command, changed } = substitute(t.body, { val: v });
      assert.equal(changed, true);
      const r = spawnSync('bash', ['--noprofile', '--norc', '-c', command], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/home-x' } });
      assert.equal(r.stdout, t.expect(v), `value ${JSON.stringify(v)} → ${command}\nstderr: ${r.stderr}`);
    }
    assert.deepEqual(readdirSync(dir), [], 'no value ran a command');
  });
}

test('placeholders in comments are left alone (nothing there runs)', () => {
  assert.deepEqual(substitute('echo ok # <val>', { val: '$(touch x)' }), { command: 'echo ok # <val>', changed: false });
});

test('placeholders that cannot be quoted safely are refused', () => {
  assert.throws(() => substitute('echo `echo <val>`', { val: 'x' }), /backquotes/);
  assert.throws(() => substitute('echo ${X:-<val>}', { val: 'x' }), UnsafeSubstitutionError);
  assert.throws(() => substitute('echo <val>', { val: 'a\0b' }), /NUL/);
});

test('a placeholder after a here-document that never ends is refused', () => {
  for (const body of ['cat <<EOF\nv=<val>\n', 'cat <<EOF\nx\nEOFX\necho <val>', "cat <<'EOF'\nx\necho <val>"]) {
    assert.throws(() => substitute(body, { val: 'a; echo PWNED' }), UnsafeSubstitutionError, body);
  }
  assert.equal(substitute('echo <val>\ncat <<EOF\nno end', { val: 'x' }).command, 'echo x\ncat <<EOF\nno end');
});

test('a missing value is reported by placeholder', () => {
  assert.throws(() => substitute('kubectl logs <pod> -n <ns>', { pod: 'p' }), (e) => e instanceof MissingValueError && e.text === '<ns>');
});

test('safe values stay readable in the final command', () => {
  const { command } = substitute('kubectl -n <ns> logs "<pod>" --since=<since>', { ns: 'payments', pod: 'api-7d9f-x2', since: '1h' });
  assert.equal(command, 'kubectl -n payments logs "api-7d9f-x2" --since=1h');
});

test('unresolved variables become quoted exports at the top', () => {
  const dir = scratchDir('runbook-subst-');
  const { command } = substitute('echo "[$NS]"', { NS: "x'; touch pwned; '" }, ['NS']);
  assert.equal(command, `export NS='x'\\''; touch pwned; '\\'''\necho "[$NS]"`);
  const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.stdout, "[x'; touch pwned; ']\n");
  assert.deepEqual(readdirSync(dir), []);
  assert.throws(() => substitute('echo', { 'A;B': 'x' }, ['A;B']), UnsafeSubstitutionError);
});

test('quote context is found through nesting', () => {
  const body = 'echo "a $(echo \'x\' <p1>) <p2>" \'<p3>\' <p4> # <p5>';
  const ctx = (p: string) => contextAt(body, body.indexOf(p));
  assert.equal(ctx('<p1>'), 'bare');
  assert.equal(ctx('<p2>'), 'double');
  assert.equal(ctx('<p3>'), 'single');
  assert.equal(ctx('<p4>'), 'bare');
  assert.equal(ctx('<p5>'), 'comment');
});

test('filling many placeholders is one pass over the block (5,000 took 20 s when each rescanned from the top)', () => {
  const lines = Array.from({ length: 2000 }, (_, i) => i % 50 === 7 ? `cat <<EOF\nx=<h${i}>\nEOF` : `echo "<d${i}>" '<s${i}>' <b${i}> # <c${i}>`);
  const body = lines.join('\n');
  const regions = lexShell(body);
  let reads = 0;
  // Counts every look at the lexer's regions: a rescan per placeholder makes it grow with n².
  const counted = new Proxy(regions, { get: (t, k, r) => { if (typeof k === 'string' && /^\d+$/.test(k)) reads++; return Reflect.get(t, k, r); } });
  const scan = contextScan();
  const starts = [...body.matchAll(/<[a-z]\d+>/g)].map((m) => m.index!);
  const got = starts.map((at) => contextAt(body, at, counted, scan));
  assert.ok(reads < 30 * body.length, `${reads} region reads for ${body.length} characters`);
  // Resuming gives the same answers as a fresh scan from the top.
  for (const k of [0, 1, 2, 3, 4 * 7, starts.length - 1]) assert.equal(got[k], contextAt(body, starts[k], regions));
  assert.deepEqual(new Set(got), new Set(['double', 'single', 'bare', 'comment', 'heredoc']));
  const values = Object.fromEntries(starts.map((at) => [body.slice(at + 1, body.indexOf('>', at)), "it's"]));
  assert.equal(substitute(body, values).command.split('\n')[0], `echo "it's" 'it'\\''s' 'it'\\''s' # <c0>`);
});

test('prompts come once per name, prefilled with the last value for that environment', () => {
  const store = memoryValueStore();
  rememberValues(store, 'staging', { pod: 'api-1' });
  const prompts = placeholderPrompts('kubectl logs <pod>; kubectl describe pod <pod> -n <ns>', 'staging', store, ['REGION']);
  assert.deepEqual(prompts.map((p) => [p.name, p.previous, p.kind]), [['pod', 'api-1', 'angle'], ['ns', undefined, 'angle'], ['REGION', undefined, 'variable']]);
  assert.equal(placeholderPrompts('kubectl logs <pod>', 'production', store)[0].previous, undefined);
});

test('secret-named placeholders are never remembered and their values are listed for masking', () => {
  for (const n of ['api_token', 'DB_PASSWORD', 'client-secret', 'apiKey', 'ssh_key', 'KEY', 'credentials', 'passwd']) assert.ok(isSecretName(n), n);
  for (const n of ['pod', 'namespace', 'monkey', 'keyspace', 'PWD', 'since']) assert.ok(!isSecretName(n), n);
  const store = memoryValueStore();
  rememberValues(store, 'prod', { pod: 'api-1', api_token: 'tok-123456' });
  assert.equal(store.get('prod', 'pod'), 'api-1');
  assert.equal(store.get('prod', 'api_token'), undefined);
  assert.deepEqual(secretValuesOf({ pod: 'api-1', api_token: 'tok-123456', DB_PASSWORD: '' }), ['tok-123456']);
});

// Placeholder values in places where quoting alone does not keep them literal (issue 19 items 3-4):
// arithmetic, numeric and -v tests, here-documents the lexer misreads, and text another shell
// parses again. Each hostile value must be refused or stay inert under real bash; values that fit
// still run. The fuzzer (test/fuzz/injection.ts) covers the same ground at random.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { scratchDir } from './helpers';
import { substitute } from '../../../server/src/run/substitute';
import { UnsafeSubstitutionError } from '../../../server/src/run/quote';
import { injectionProperty } from '../../fuzz/injection';

const PRELUDE = 'ssh() { shift; if [ $# -gt 0 ]; then bash -c "$*"; else bash; fi; }\n';
const hostile = ['a[$(touch PWNED)]', '$(touch PWNED)', "'; touch PWNED; '", '"; touch PWNED; "', 'x`touch PWNED`', '1;touch PWNED', 'EOF\ntouch PWNED'];

function run(body: string, value: string): { refused?: string; stdout?: string; pwned: boolean } {
  let command: string;
  try { command = substitute(body, { v: value }).command; } catch (e) {
    if (e instanceof UnsafeSubstitutionError) return { refused: e.message, pwned: false };
    throw e;
  }
  const dir = scratchDir('runbook-inj-');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-c', PRELUDE + command], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
  return { stdout: r.stdout, pwned: existsSync(join(dir, 'PWNED')) };
}

function expectHeld(body: string, reason: RegExp, fits: [string, string][]) {
  for (const v of hostile) {
    const r = run(body, v);
    assert.equal(r.pwned, false, `${JSON.stringify(v)} ran a command in ${JSON.stringify(body)}`);
    assert.match(r.refused ?? '', reason, `${JSON.stringify(v)} in ${JSON.stringify(body)}`);
  }
  for (const [v, out] of fits) assert.equal(run(body, v).stdout, out, `${JSON.stringify(v)} in ${JSON.stringify(body)}`);
}

test('arithmetic takes only a number or a name: $(( )), (( )), let, declare -i, array index', () => {
  const why = /arithmetic.*only a number or a variable name/;
  expectHeld('echo $(( <v> + 1 ))', why, [['41', '42\n'], ['n', '1\n']]);
  expectHeld('(( <v> > 0 )) && echo big', why, [['5', 'big\n']]);
  expectHeld('let n=<v>; echo "$n"', why, [['7', '7\n']]);
  // Found by the fuzzer: `let` after `&&` is arithmetic too.
  expectHeld('true && let n=<v>; echo "$n"', why, [['7', '7\n']]);
  expectHeld('declare -i n=<v>; echo "$n"', why, [['0x10', '16\n']]);
  expectHeld('arr[<v>]=x; echo "${arr[3]}"', why, [['3', 'x\n']]);
  expectHeld('echo "total: $(( <v> * 2 ))"', why, [['21', 'total: 42\n']]);
});

test('numeric and -v tests take only a number or a name', () => {
  const why = /numeric or -v test/;
  expectHeld('[[ <v> -gt 0 ]] && echo y', why, [['3', 'y\n']]);
  expectHeld('[[ "<v>" -lt 3 ]] && echo y', why, [['1', 'y\n']]);
  expectHeld('x=1; [[ -v <v> ]] && echo y', why, [['x', 'y\n']]);
  expectHeld('x=1; [ -v "<v>" ] && echo y', why, [['x', 'y\n']]);
  // Plain comparisons quote as usual: any value is literal there.
  assert.equal(run('x=a; [[ $x == <v> ]] && echo y || echo n', "a'; touch PWNED; '").stdout, 'n\n');
});

test('a here-document the lexer misreads (inside "$(…)", after an unbalanced "((") holds values to plain text', () => {
  const why = /reads the quoting around it differently|line break/;
  expectHeld('echo "$(cat <<EOF\nv=<v>\nEOF\n)"', why, [['api-1', 'v=api-1\n']]);
  expectHeld('echo "((" ; cat <<EOF\nv=<v>\nEOF', why, [['api-1', '((\nv=api-1\n']]);
});

test('text another shell parses again takes only plain values, and says why', () => {
  expectHeld("bash -c 'echo <v>'", /another shell \(sh -c\)/, [['api-1', 'api-1\n']]);
  expectHeld('bash -c "echo <v>"', /another shell/, [['a.b:c@d/e', 'a.b:c@d/e\n']]);
  expectHeld('ssh h "echo <v>"', /ssh hands its command/, [['api-1', 'api-1\n']]);
  expectHeld('ssh h echo <v>', /ssh hands its command/, [['api-1', 'api-1\n']]);
  expectHeld('eval "echo <v>"', /eval parses/, [['api-1', 'api-1\n']]);
  expectHeld('bash <<EOF\necho <v>\nEOF', /here-document that another shell/, [['api-1', 'api-1\n']]);
  expectHeld("ssh h <<'EOF'\necho <v>\nEOF", /here-document that another shell/, [['api-1', 'api-1\n']]);
  expectHeld("echo 'echo <v>' | bash", /piped into another shell/, [['api-1', 'api-1\n']]);
  // Found by the fuzzer: a here-document fed to bash inside "$(…)", which the lexer reads as quotes.
  expectHeld('echo "$(\nbash -s <<EOF\necho "<v>"\nEOF\n)"', /here-document that another shell/, [['api-1', 'api-1\n']]);
});

test('each placeholder is judged on its own: a misread one is not vouched for by a later one, nor a test after a parse-upsetting one', () => {
  const dir = scratchDir('runbook-inj-');
  const ran = (body: string, values: Record<string, string>) => {
    let command: string;
    try { command = substitute(body, values).command; } catch (e) { if (e instanceof UnsafeSubstitutionError) return false; throw e; }
    spawnSync('bash', ['--noprofile', '--norc', '-c', command], { cwd: dir, encoding: 'utf8' });
    return existsSync(join(dir, 'PWNED'));
  };
  assert.equal(ran('echo "$(cat <<EOF\n<a>\nEOF\n)"; echo <b>', { a: '$(touch PWNED)', b: 'x' }), false);
  assert.throws(() => substitute('for <a> in 1; do :; done; [[ <b> -gt 0 ]]', { a: 'i', b: 'a[$(touch PWNED)]' }), /numeric or -v test/);
  assert.throws(() => substitute('for <a> in 1; do :; done; echo $(( <b> ))', { a: 'i', b: 'a[$(touch PWNED)]' }), /arithmetic/);
  assert.equal(substitute('for <a> in 1 2; do echo "$i <b>"; done', { a: 'i', b: "it's" }).command, 'for i in 1 2; do echo "$i it\'s"; done');
});

test('ordinary contexts still take any value, quoted', () => {
  for (const v of hostile) {
    assert.equal(run("printf '[%s]' <v>", v).stdout, `[${v}]`);
    assert.equal(run('printf "[%s]" "$(printf %s "<v>")"', v).pwned, false);
  }
  assert.equal(run('kubectl() { echo "$@"; }; kubectl logs <v> -n payments', 'api 7').stdout, 'logs api 7 -n payments\n');
});

test('injection fuzzer, fixed-seed slice: 400 random contexts × hostile values, no marker file (seed 20261203)', () => {
  const details = fc.check(injectionProperty(), { numRuns: 400, seed: 20261203 });
  assert.equal(details.failed, false, details.failed ? `${details.errorInstance instanceof Error ? details.errorInstance.message : ''}` : '');
  assert.equal(details.numRuns, 400);
});

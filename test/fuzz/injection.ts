// The injection fuzzer (`npm run fuzz -- --injection`): a placeholder in a random shell context
// (arithmetic, tests, here-documents, nested `bash -c` / ssh-like inner shells, quotes, wrappers)
// filled with a random hostile value, then run by real bash. The run must either be refused, or
// run without ever creating the marker file. Plain values must never be refused where they fit.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { substitute } from '../../server/src/run/substitute';
import { UnsafeSubstitutionError } from '../../server/src/run/quote';

const MARK = 'PWNED';

/** `<v>` is the placeholder; `numeric` contexts accept only numbers and names, `inner` only plain values. */
export const contexts: { body: string; takes: 'any' | 'numeric' | 'plain' }[] = [
  // arithmetic
  { body: 'echo $(( <v> + 1 ))', takes: 'numeric' },
  { body: '(( <v> > 0 )) && echo big', takes: 'numeric' },
  { body: 'let n=<v>; echo "$n"', takes: 'numeric' },
  { body: 'let "n = <v>"', takes: 'numeric' },
  { body: 'declare -i n=<v>; echo "$n"', takes: 'numeric' },
  { body: 'arr[<v>]=1', takes: 'numeric' },
  { body: 'echo $[<v>]', takes: 'numeric' },
  { body: 'echo "$(( <v> ))"', takes: 'numeric' },
  { body: 'x=$(( 2 * <v> )); echo "$x"', takes: 'numeric' },
  // tests
  { body: '[[ <v> -gt 0 ]] && echo y', takes: 'numeric' },
  { body: '[[ "<v>" -lt 3 ]] && echo y', takes: 'numeric' },
  { body: '[[ -v <v> ]] && echo y', takes: 'numeric' },
  { body: '[ -v "<v>" ] && echo y', takes: 'numeric' },
  { body: 'test <v> -eq 1 && echo y', takes: 'numeric' },
  { body: 'x=a; [[ $x == <v> ]] && echo y', takes: 'any' },
  // here-documents
  { body: 'cat <<EOF\n<v>\nEOF', takes: 'any' },
  { body: "cat <<'EOF'\nv=<v>\nEOF", takes: 'any' },
  { body: 'echo "$(cat <<EOF\n<v>\nEOF\n)"', takes: 'plain' },
  { body: 'echo "((" ; cat <<EOF\n<v>\nEOF', takes: 'plain' },
  { body: 'bash <<EOF\necho <v>\nEOF', takes: 'plain' },
  { body: 'bash -s <<EOF\necho "<v>"\nEOF', takes: 'plain' },
  { body: "ssh h <<'EOF'\necho <v>\nEOF", takes: 'plain' },
  { body: 'cat <<EOF | bash\necho <v>\nEOF', takes: 'plain' },
  // nested interpreters (ssh is a stand-in that runs its command with bash, like sshd would)
  { body: "bash -c 'echo <v>'", takes: 'plain' },
  { body: 'bash -c "echo <v>"', takes: 'plain' },
  { body: "sh -c \"echo '<v>'\"", takes: 'plain' },
  { body: 'ssh h "echo <v>"', takes: 'plain' },
  { body: "ssh h 'echo \"<v>\"'", takes: 'plain' },
  { body: 'ssh h echo <v>', takes: 'plain' },
  { body: 'eval "echo <v>"', takes: 'plain' },
  { body: 'eval echo <v>', takes: 'plain' },
  { body: "echo 'echo <v>' | bash", takes: 'plain' },
  { body: 'x=$(bash -c "echo <v>"); echo "$x"', takes: 'plain' },
  { body: 'timeout 5 bash -c "echo <v>"', takes: 'plain' },
  { body: "env A=1 sh -c 'echo <v>'", takes: 'plain' },
  { body: "echo x | xargs -I{} sh -c 'echo <v> {}'", takes: 'plain' },
  { body: "find . -maxdepth 0 -exec sh -c 'echo <v>' \\;", takes: 'plain' },
  { body: 'perl -e \'print "<v>\\n"\'', takes: 'plain' },
  { body: "awk 'BEGIN { print \"<v>\" }'", takes: 'plain' },
  { body: 'python3 -c "print(\'<v>\')"', takes: 'plain' },
  { body: 'bash -c "$(echo \'echo <v>\')"', takes: 'plain' },
  // names and numbers only
  { body: 'printf -v <v> %s x', takes: 'numeric' },
  { body: 'local_n() { local -i n=<v>; echo "$n"; }; local_n', takes: 'numeric' },
  { body: 'for i in <v>; do echo "$i"; done', takes: 'any' },
  { body: 'case <v> in *) echo hit ;; esac', takes: 'any' },
  { body: 'if (( <v> > 1 )); then echo y; fi', takes: 'numeric' },
  { body: 'x=1; [[ <v> ]] && echo set', takes: 'any' },
  // an unbalanced `((` earlier on the line
  { body: 'echo "((" ; echo <v>', takes: 'any' },
  { body: "echo '((' \"<v>\"", takes: 'any' },
  { body: 'echo $(( 1 )) "((" <v>', takes: 'any' },
  // plain quoting contexts
  { body: 'echo <v>', takes: 'any' },
  { body: 'echo pre-<v>-post', takes: 'any' },
  { body: 'echo "<v>"', takes: 'any' },
  { body: "echo '<v>'", takes: 'any' },
  { body: "echo $'<v>'", takes: 'any' },
  { body: 'echo "$(echo <v>)"', takes: 'any' },
  { body: 'echo "a $(printf "%s" "<v>") b"', takes: 'any' },
];

/** Wrappers put the context inside compound commands and substitutions. */
const wrappers: ((s: string) => string)[] = [
  (s) => s,
  (s) => `if true; then\n${s}\nfi`,
  (s) => `( ${s}\n)`,
  (s) => `{ ${s}\n}`,
  (s) => `for i in 1; do\n${s}\ndone`,
  (s) => `out=$(\n${s}\n); echo "$out"`,
  (s) => `f() {\n${s}\n}; f`,
  (s) => `true && ${s}`,
  (s) => `echo "$(\n${s}\n)"`,
  (s) => `echo "((" ; ${s}`,
];

const fragments = [
  `$(touch ${MARK})`, `\`touch ${MARK}\``, `a[$(touch ${MARK})]`, `'; touch ${MARK}; '`, `"; touch ${MARK}; "`, `\\"; touch ${MARK}; #`,
  `\ntouch ${MARK}\n`, `\nEOF\ntouch ${MARK}\n`, `;touch ${MARK}`, `|touch ${MARK}`, `&&touch ${MARK}`, `$((a[$(touch ${MARK})]))`,
  `x[\`touch ${MARK}\`]`, `'`, `"`, '\\', '`', '$', '(', ')', '[', ']', '{', '}', ' ', '\t', '\n', ';', '#', '*', '?', '!', '&', '|', '<', '>',
  'EOF', '1', 'a', '-', '${IFS}', "$'\\x27'", '$(', '))', '((', '\r', '\\n', '"\'"', "'\"'",
];

const plainChars = 'abcXYZ0123456789._-/:@'.split('');

export interface InjectionCase { context: number; wrapper: number; value: string }

export const injectionCase = fc.record({
  context: fc.nat({ max: contexts.length - 1 }),
  wrapper: fc.nat({ max: wrappers.length - 1 }),
  value: fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 5 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...plainChars), { minLength: 1, maxLength: 10 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }).map(String) },
  ),
});

// An ssh stand-in: like sshd, it joins its arguments and hands them (or stdin) to a shell.
const PRELUDE = 'ssh() { shift; if [ $# -gt 0 ]; then bash -c "$*"; else bash; fi; }\n';

/** Undefined when the case holds; otherwise what went wrong. */
export function checkInjection(c: InjectionCase): string | undefined {
  const ctx = contexts[c.context];
  const body = wrappers[c.wrapper](ctx.body);
  let command: string;
  try {
    command = substitute(body, { v: c.value }).command;
  } catch (e) {
    if (!(e instanceof UnsafeSubstitutionError)) return `substitute threw ${(e as Error).stack}`;
    if (fits(ctx.takes, c.value) && !/[\r\n]/.test(c.value)) return `a value that fits was refused: ${e.message}`;
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'runbook-inj-'));
  try {
    const r = spawnSync('bash', ['--noprofile', '--norc', '-c', PRELUDE + command], {
      cwd: dir, encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: dir },
    });
    if (existsSync(join(dir, MARK))) return `the value ran a command:\n${command}\nstderr: ${r.stderr}`;
    if (r.error) return `bash did not finish: ${r.error.message}`;
    return undefined;
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

function fits(takes: 'any' | 'numeric' | 'plain', value: string): boolean {
  if (takes === 'numeric') return /^-?[0-9]+$/.test(value) || /^[A-Za-z_][A-Za-z0-9_]*$/.test(value);
  if (takes === 'plain') return /^[A-Za-z0-9._\-/:@]+$/.test(value);
  return /^[A-Za-z0-9._\-/:@]+$/.test(value);
}

export function injectionProperty() {
  return fc.property(injectionCase, (c) => {
    const problem = checkInjection(c);
    if (problem) throw new Error(`${JSON.stringify({ body: wrappers[c.wrapper](contexts[c.context].body), value: c.value })}\n${problem}`);
  });
}

// The severity policy is enforced: every code the server source can emit is in the table
// (server/src/analysis/severityPolicy.ts), the table has no stale codes, and every diagnostic the
// real pipeline gives on the fixtures, the sample runbooks and the corpus has a severity the table
// allows for its code. A new code or a new severity for an old one fails here until it is listed
// with its reason.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { allowedSeverities, policyFor, severityPolicy } from '../../../server/src/analysis/severityPolicy';
import { fieldCorpus } from '../../tools/fieldExpectations';

const root = join(__dirname, '../../..');
const names = ['', 'error', 'warning', 'information', 'hint'];

function files(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(n) ? [p] : [];
  });
}

/** Code names written in the source: `code: '…'`, `code = '…'`, `X_CODE = '…'`, `diag(n, '…'`, code unions. */
function sourceCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bcode:\s*'([^']+)'/g, /(?:\bcode|_CODE)\s*=\s*'([^']+)'/g, /\bdiag\([^,()]+,\s*'([^']+)'/g, /\.code\s*[!=]==\s*'([^']+)'/g];
  for (const f of files(join(root, 'server/src'), /\.ts$/)) {
    const text = readFileSync(f, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1], f);
    for (const m of text.matchAll(/type \w*Code\s*=([^;]+);/g)) for (const s of m[1].matchAll(/'([^']+)'/g)) found.set(s[1], f);
  }
  // Node's error codes (`e.code === 'ENOENT'`, `'E2BIG'`) are not diagnostics.
  for (const code of found.keys()) if (/^[A-Z][A-Z0-9_]*$/.test(code)) found.delete(code);
  return found;
}

test('every code named in the server source is in the severity table, and the table has no stale code', () => {
  const codes = sourceCodes();
  assert.ok(codes.size > 20, `the scan found only ${codes.size} codes: has the source's shape changed?`);
  for (const [code, file] of codes) assert.ok(policyFor(code), `${code} (in ${file}) has no entry in severityPolicy.ts`);
  for (const code of Object.keys(severityPolicy)) assert.ok(codes.has(code), `severityPolicy.ts lists ${code}, which no source emits`);
});

test('the table follows the policy: error only where running is certain to fail', () => {
  for (const [code, p] of Object.entries(severityPolicy)) {
    assert.ok(p.why.length > 10, `${code} says why`);
    // The policy's error cases, by area: syntax the tool rejects, an unclosed fence, a file that will
    // not load, a verification block whose run is refused.
    if (p.severity === 'error') assert.match(code, /^(?:markdown\/unclosed-fence|[a-z]+\/syntax|promql\/|alert\/|environments$|verify\/options$)/, `${code} is an error`);
    for (const a of p.also ?? []) assert.notEqual(a.severity, 'error', `${code} may not be raised to an error in special cases`);
  }
  assert.deepEqual(allowedSeverities('SC2086'), ['warning', 'information', 'hint']);
});

test('every diagnostic on fixtures, sample runbooks and the corpus has a severity its code allows', { timeout: 120_000 }, async () => {
  const corpus = fieldCorpus();
  const inputs = [
    ...files(join(root, 'test/fixtures'), /\.md$/), ...files(join(root, 'runbooks'), /\.md$/),
    ...(corpus ? [...files(join(corpus, '..'), /^[^/]*\.md$/).filter((f) => !f.startsWith(corpus)), ...files(corpus, /\.md$/)] : []),
  ];
  const seen = new Map<string, number>();
  for (const f of inputs) {
    const text = readFileSync(f, 'utf8');
    // ShellCheck's findings are one family, checked by level above; the fast pass keeps this quick.
    const { analysis } = await analyzeText(text, { uri: `file://${f}` });
    for (const d of analysis.diagnostics) {
      const sev = names[d.severity ?? 1];
      const key = `${String(d.code)} ${sev}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      assert.ok(allowedSeverities(String(d.code)).includes(sev as never), `${f}:${d.range.start.line + 1}: ${String(d.code)} as ${sev} is not allowed by severityPolicy.ts`);
    }
  }
  assert.ok(seen.size > 5, 'the inputs exercised several codes');
});

test('ShellCheck findings are capped at warning: its error level is a likely bug, not a certain failure', { skip: spawnSync('shellcheck', ['--version']).status === 0 ? false : 'shellcheck not installed' }, async () => {
  // SC2068 is ShellCheck level `error`; the block still runs.
  const { analysis } = await analyzeText('# Clean up\n\n```bash\nrm $@\n```\n', { includeSlow: true });
  const sc = analysis.diagnostics.find((d) => d.code === 'SC2068');
  assert.ok(sc, 'ShellCheck reported SC2068');
  assert.equal(names[sc.severity ?? 1], 'warning');
});

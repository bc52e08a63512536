// `runbook check` as CI pipelines use it: a real process, its output and its exit code.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const corpus = '/work/shared/corpus';
const fixtures = join(root, 'test/fixtures/markdown');

function check(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli/main.ts'), 'check', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface JsonReport { files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number } } }[]; blocks: { lang: string; info: string; closed: boolean; range: { start: { line: number }; end: { line: number } } }[]; metrics: unknown[] }[] }

test('field runbooks: every fenced block is listed with its language, lines and closed flag', { skip: existsSync(corpus) ? false : 'corpus not present' }, () => {
  const files = readdirSync(corpus).filter(f => f.endsWith('.md')).map(f => join(corpus, f));
  const r = check('--format', 'json', ...files);
  assert.notEqual(r.code, 2, r.err);
  const report = JSON.parse(r.out) as JsonReport;
  assert.equal(report.files.length, files.length);
  for (const f of report.files) {
    const lines = readFileSync(f.path, 'utf8').split('\n');
    const fenceLines = lines.flatMap((l, i) => /^\s*(```|~~~)/.test(l) ? [i] : []);
    const fenced = f.blocks.filter(b => fenceLines.includes(b.range.start.line));
    // Every fence line is an opening or a closing fence of a listed block (the corpus has no unclosed ones).
    assert.equal(fenced.length * 2, fenceLines.length, f.path);
    for (const b of fenced) {
      assert.ok(b.closed);
      const opener = lines[b.range.start.line].trim();
      assert.equal(opener.replace(/^(```|~~~)/, '').trim(), b.info, `info of the block at line ${b.range.start.line + 1}`);
      assert.ok(fenceLines.includes(b.range.end.line) || fenceLines.includes(b.range.end.line - 1), `block at ${b.range.start.line + 1} ends on a fence line`);
      if (/^(bash|sh)$/.test(b.info)) assert.equal(b.lang, 'shell');
    }
  }
});

test('text format is compiler-style with 1-based lines, and errors exit 1', () => {
  const r = check(join(fixtures, 'unclosed-in-list.md'));
  assert.equal(r.code, 1);
  assert.match(r.out, /unclosed-in-list\.md:5:4: error markdown\/unclosed-fence Code block is never closed/);
});

test('JSON format carries diagnostics, blocks and metrics with LSP ranges', () => {
  const r = check('--format', 'json', join(root, 'runbooks/mempool-congestion.md'));
  assert.equal(r.code, 1, 'the sample runbook has a deliberate PromQL error');
  const f = (JSON.parse(r.out) as JsonReport).files[0];
  const err = f.diagnostics.find(d => d.code === 'promql/syntax')!;
  assert.equal(err.severity, 'error');
  assert.ok(f.blocks.some(b => b.lang === 'promql' && b.closed));
  assert.ok(f.metrics.length > 0);
});

test('a clean file exits 0; usage errors and unreadable paths exit 2 with a message, no stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
  writeFileSync(join(dir, 'ok.md'), '# Fine\n\n```bash\necho ok\n```\n');
  assert.equal(check(dir).code, 0);
  for (const args of [[], ['--format', 'xml', dir], [join(dir, 'missing.md')], ['--bogus']]) {
    const r = check(...args);
    assert.equal(r.code, 2, `args ${args.join(' ')}`);
    assert.match(r.err, /runbook check: /);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});

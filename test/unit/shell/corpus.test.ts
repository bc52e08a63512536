// The "Done when" checks on the field runbooks (absolute path; skipped where the corpus is absent).
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import { analyzeText } from '../../../server/src/analysis/pipeline';

const corpus = '/work/shared/corpus';
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.md')).sort() : [];
const includeSlow = spawnSync('shellcheck', ['--version']).status === 0;
const overlaps = (a: Range, b: Range) =>
  (a.start.line < b.end.line || (a.start.line === b.end.line && a.start.character < b.end.character)) &&
  (b.start.line < a.end.line || (b.start.line === a.end.line && b.start.character < a.end.character));

test('field runbooks: no error is caused by a placeholder, and every <…> placeholder is in the model', { skip: !files.length }, async () => {
  let angles = 0;
  for (const f of files) {
    const text = readFileSync(`${corpus}/${f}`, 'utf8');
    const { model, analysis } = await analyzeText(text, { includeSlow });
    const errors = analysis.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    for (const p of analysis.placeholders) {
      assert.ok(!errors.some((e) => overlaps(e.range, p.range)), `${f}: error on placeholder ${p.text} line ${p.range.start.line + 1}`);
    }
    assert.ok(!errors.some((e) => e.code === 'placeholder' || e.code === 'shell/syntax'), `${f}: ${JSON.stringify(errors)}`);
    const lines = text.split('\n');
    for (const b of model.blocks.filter((x) => x.lang === 'shell')) {
      for (let l = b.bodyRange.start.line; l < b.bodyRange.end.line + (b.bodyRange.end.character ? 1 : 0); l++) {
        if (/^\s*#/.test(lines[l])) continue;
        for (const m of lines[l].matchAll(/<[A-Za-z][\w-]*>/g)) {
          angles++;
          assert.ok(analysis.placeholders.some((p) => p.range.start.line === l && p.range.start.character === m.index && p.text === m[0]),
            `${f}:${l + 1} ${m[0]} missing from the model`);
        }
      }
    }
  }
  assert.ok(angles >= 8, `found ${angles} <…> placeholders`);
});

test('field runbooks: JSON pasted into bash and a logrotate config tagged bash are language mismatches', { skip: !files.length }, async () => {
  const found: string[] = [];
  for (const f of files) {
    const text = readFileSync(`${corpus}/${f}`, 'utf8');
    const { model, analysis } = await analyzeText(text);
    for (const b of model.blocks.filter((x) => x.lang === 'shell')) {
      const inBlock = analysis.diagnostics.filter((d) => d.range.start.line >= b.range.start.line && d.range.end.line <= b.range.end.line);
      const mismatch = inBlock.find((d) => d.code === 'block/language-mismatch');
      assert.ok(!inBlock.some((d) => d.code === 'shell/syntax'), `${f}: shell syntax error at line ${b.range.start.line + 1}`);
      if (!mismatch) continue;
      if (/^\s*\{\s*$/m.test(b.body) && mismatch.message.includes('JSON')) found.push('json');
      if (/\.log \{/.test(b.body) && mismatch.message.includes('logrotate')) found.push('logrotate');
    }
  }
  assert.ok(found.filter((k) => k === 'json').length >= 2, found.join());
  assert.ok(found.includes('logrotate'), found.join());
});

import test from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/pipeline';
import { findPwsh, powershellFindings } from '../../../server/src/blocks/powershell';

const doc = '# Ops\n\n```powershell\nGet-Service app\n```\n\n```ps1\nRestart-Service app\n```\n';

test('without pwsh: one information note per runbook, never a guessed error', { skip: !!findPwsh() }, async () => {
  const { analysis } = await analyzeText(doc, { includeSlow: true });
  const notes = analysis.diagnostics.filter((d) => d.code?.toString().startsWith('powershell/'));
  assert.equal(notes.length, 1);
  assert.equal(notes[0].code, 'powershell/unchecked');
  assert.equal(notes[0].severity, 3);
  assert.equal(notes[0].range.start.line, 2);
  assert.match(notes[0].message, /2 PowerShell blocks .* not checked: pwsh is not installed/);
  assert.deepEqual(await powershellFindings('Get-Service app {'), {});
});

test('with pwsh: a syntax error is reported by PowerShell itself', { skip: !findPwsh() }, async () => {
  const f = await powershellFindings('Get-Service app {');
  assert.equal(f.diagnostics?.[0].code, 'powershell/syntax');
  assert.deepEqual(await powershellFindings('Get-Service app'), { diagnostics: [] });
});

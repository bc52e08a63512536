// `.runbook/environments.yaml` gets its own diagnostics while open, and none of the Markdown checks.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type LspSession } from '../tools/lspClient';

let s: LspSession;
before(async () => { s = await startServer(); });
after(async () => { await s.stop(); });

const FILE = [
  'environments:',
  '  staging:',
  '    prometheus: not-a-url',
  '    colour: blue',
  '  staging:',
  '    protected: true',
  '',
].join('\n');

test('the environments file reports bad URLs, unknown keys and duplicate names, and follows edits', async () => {
  const uri = 'file:///tmp/ws/.runbook/environments.yaml';
  const wait = s.diagnostics(uri);
  s.open(uri, FILE, 'yaml');
  const diags = await wait;
  const at = (line: number) => diags.filter(d => d.range.start.line === line).map(d => d.message).join(' | ');
  assert.match(at(2), /not-a-url.*not an http\(s\) URL/);
  assert.match(at(3), /Unknown key `colour`/);
  assert.match(at(4), /Duplicate environment name `staging`/);
  assert.ok(diags.every(d => d.source === 'runbook' && d.code === 'environments'), 'no Markdown check ran on the YAML');

  const fixed = s.diagnostics(uri, d => d.length === 0);
  s.change(uri, 2, [{ text: 'environments:\n  staging:\n    prometheus: http://127.0.0.1:9090\n' }]);
  await fixed;
});

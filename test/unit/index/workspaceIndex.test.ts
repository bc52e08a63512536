import test from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { scanRunbook } from '../../../server/src/index/lineScan';

const a = '# Relay\n## Metrics\n- `relay_lag_seconds` — lag\n## Diagnose\n```promql\nrate(relay_lag_seconds[5m])\n```\n';
const b = '# Ledger\n## Lag check\nWatch `relay_lag_seconds` and `ledger_depth`.\n';

function build(): WorkspaceIndex {
  const ix = new WorkspaceIndex();
  ix.set('file:///w/a.md', scanRunbook(a));
  ix.set('file:///w/b.md', scanRunbook(b));
  return ix;
}

test('references span runbooks; definitions are the documenting list item only', () => {
  const ix = build();
  assert.deepEqual(ix.references('relay_lag_seconds').map(r => [r.uri, r.line, r.char, r.endChar]), [
    ['file:///w/a.md', 2, 3, 20], ['file:///w/a.md', 5, 5, 22], ['file:///w/b.md', 2, 7, 24],
  ]);
  assert.deepEqual(ix.definitions('relay_lag_seconds').map(r => [r.uri, r.line]), [['file:///w/a.md', 2]]);
  assert.deepEqual(ix.definitions('ledger_depth'), []);
});

test('sections: fuzzy query over all runbooks with their parent as container', () => {
  const ix = build();
  assert.deepEqual(ix.sections('lagchk').map(h => [h.uri, h.section.title, h.container]), [['file:///w/b.md', 'Lag check', 'Ledger']]);
  assert.equal(ix.sections('').length, 5);
});

test('metric names for completion: strong mentions only, and they leave with their file', () => {
  const ix = build();
  assert.deepEqual(ix.metricNames(), ['relay_lag_seconds']);
  ix.set('file:///w/c.md', scanRunbook('```promql\nledger_depth > 3\n```\n'));
  assert.deepEqual(ix.metricNames(), ['ledger_depth', 'relay_lag_seconds']);
  ix.remove('file:///w/c.md');
  assert.deepEqual(ix.metricNames(), ['relay_lag_seconds']);
});

test('replacing a file replaces its postings', () => {
  const ix = build();
  ix.set('file:///w/a.md', scanRunbook('# Empty now\n'));
  assert.deepEqual(ix.references('relay_lag_seconds').map(r => r.uri), ['file:///w/b.md']);
  ix.remove('file:///w/b.md');
  assert.deepEqual(ix.references('relay_lag_seconds'), []);
  assert.equal(ix.size, 1);
});

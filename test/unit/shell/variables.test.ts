import test from 'node:test';
import assert from 'node:assert/strict';
import { lexShell } from '../../../server/src/shell/lexer';
import { findDefinitions, findUses } from '../../../server/src/shell/variables';
import { analyzeText } from '../../../server/src/analysis/pipeline';

const uses = (t: string) => findUses(t, lexShell(t)).map((u) => u.name);
const defs = (t: string) => [...new Set(findDefinitions(t, lexShell(t)).map((d) => d.name))].sort();

test('reads: expanded places only, defaults are not needs', () => {
  assert.deepEqual(uses(`echo $A "\${B}" '$C' \\$D \${E:-x} \${F:?set F} \${#G} \${H[@]} $1 $? $@`), ['A', 'B', 'F', 'G', 'H']);
  assert.deepEqual(uses("cat <<'EOF'\n$X\nEOF\ncat <<EOF\n$Y\nEOF"), ['Y']);
  assert.deepEqual(uses('# uses $Z\nawk \'{print $1}\''), []);
});

test('definitions: assignments, exports, reads, loops', () => {
  assert.deepEqual(defs('A=1 B+=2; export C=3 D\nlocal E; read -r F G\nfor H in 1 2; do :; done\nprintf -v I %s x\nmapfile -t J < f\nread -p "name? " -a K'),
    ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
});

test('variables set by earlier blocks, the environment or the shell are not asked for', async () => {
  const doc = [
    '```bash', 'export NS=prod', 'TOKEN=$(cat token)', '```', '',
    '```bash', 'for p in $(kubectl get pods -o name -n "$NS"); do echo "$p $HOME $USER"; done',
    'curl -H "Authorization: $TOKEN" "$API_URL/$CLUSTER" "$MISSING" "$MISSING"', 'echo "$LATER"', 'LATER=1', '```',
  ].join('\n');
  const { analysis } = await analyzeText(doc, { envVariables: new Set(['API_URL']) });
  const vars = analysis.placeholders.filter((p) => p.kind === 'variable');
  assert.deepEqual(vars.map((v) => v.name), ['CLUSTER', 'MISSING', 'MISSING', 'LATER']);
  assert.deepEqual(vars[0].range.start, { line: 7, character: doc.split('\n')[7].indexOf('$CLUSTER') });
  const notes = analysis.diagnostics.filter((d) => d.code === 'placeholder');
  assert.equal(notes.length, 3, 'one note per name per block');
  assert.ok(notes.every((d) => d.severity === 3));
});
